import type Docker from 'dockerode';
import type { EngineEvent } from '../docker/engine-events';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';
const ONEOFF_LABEL = 'com.docker.compose.oneoff';

export interface RunningContainer {
  id: string;
  name: string;
}

/**
 * The running containers of a project's services, found by Compose's labels and cached
 * until a Docker event about one of the project's containers says otherwise.
 */
export class ServiceContainers {
  private readonly cache = new Map<string, Promise<RunningContainer[]>>();

  constructor(
    private readonly docker: Docker,
    private readonly project: string,
  ) {}

  running(service: string): Promise<RunningContainer[]> {
    let entry = this.cache.get(service);
    if (!entry) {
      entry = this.list(service);
      this.cache.set(service, entry);
      entry.catch(() => this.cache.delete(service));
    }
    return entry;
  }

  /** Forget what we knew (after a container event, or a 404 on a stale id). */
  invalidate(service?: string): void {
    if (service === undefined) this.cache.clear();
    else this.cache.delete(service);
  }

  /** Feed Docker events here: any container event of the project drops that service's cache. */
  onEngineEvent(event: EngineEvent): void {
    if (event.Type !== 'container') return;
    const attributes = event.Actor.Attributes ?? {};
    if (attributes[PROJECT_LABEL] !== this.project) return;
    const service = attributes[SERVICE_LABEL];
    if (service !== undefined) this.invalidate(service);
  }

  private async list(service: string): Promise<RunningContainer[]> {
    const containers = await this.docker.listContainers({
      filters: { label: [`${PROJECT_LABEL}=${this.project}`, `${SERVICE_LABEL}=${service}`], status: ['running'] },
    });
    return containers
      .filter((c) => c.Labels?.[ONEOFF_LABEL] !== 'True')
      .map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, '') }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
