import type Docker from 'dockerode';
import type { EngineEvent } from '../docker/engine-events';
import { LABEL } from '../state/compose-labels';
import { listProjectContainers } from '../state/container-list';
import { compareText } from '../../../shared/compare-text';

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
    // None known: ask Docker (a start event may still be on its way).
    return entry.then((list) => (list.length > 0 ? list : this.relist(service)));
  }

  /** Forget what we knew (after a 404 on a stale id). */
  invalidate(service?: string): void {
    if (service === undefined) this.cache.clear();
    else this.cache.delete(service);
  }

  /**
   * Feed Docker events here: the known list follows starts and deaths of the project's
   * containers without asking Docker again (a restart is a die and a start).
   */
  onEngineEvent(event: EngineEvent): void {
    if (event.Type !== 'container') return;
    const attributes = event.Actor.Attributes ?? {};
    if (attributes[LABEL.project] !== this.project || attributes[LABEL.oneoff] === 'True') return;
    const service = attributes[LABEL.service];
    const entry = service === undefined ? undefined : this.cache.get(service);
    if (service === undefined || !entry) return;
    const id = event.Actor.ID;
    if (event.Action === 'start') {
      const name = attributes.name ?? id;
      this.cache.set(service, entry.then((list) => (list.some((c) => c.id === id) ? list : [...list, { id, name }].sort((a, b) => compareText(a.name, b.name)))));
    } else if (event.Action === 'die' || event.Action === 'destroy') {
      this.cache.set(service, entry.then((list) => list.filter((c) => c.id !== id)));
    } else if (event.Action === 'rename') {
      this.invalidate(service);
    }
  }

  private relist(service: string): Promise<RunningContainer[]> {
    const entry = this.list(service);
    this.cache.set(service, entry);
    entry.catch(() => this.cache.delete(service));
    return entry;
  }

  private async list(service: string): Promise<RunningContainer[]> {
    const containers = await listProjectContainers(this.docker, this.project);
    return containers
      .filter((c) => c.service === service && c.state === 'running')
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => compareText(a.name, b.name));
  }
}
