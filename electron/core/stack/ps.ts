import type { Project } from '../../../shared/model/project';
import type { ServiceContainer } from '../../../shared/contract/stack';
import { SlipwayError } from '../../../shared/errors';
import { listProjectContainers } from '../state/container-list';
import type { StackCore } from './types';

export interface PsOptions {
  /** Only these services; one the compose file does not define is refused, as in Compose. */
  services?: readonly string[];
  /** Stopped containers too (default true; `slipway ps` without `-a` passes false, as Compose). */
  all?: boolean;
}

const LISTED_WITHOUT_ALL = new Set(['running', 'paused', 'restarting']);

/** The project's service containers for `ps`, by name: state, health, exit code, ports, orphan or not. */
export async function psProject(core: StackCore, project: Project, options: PsOptions = {}): Promise<ServiceContainer[]> {
  const services = options.services ?? [];
  const fromFile = project.configFiles.length > 0;
  if (fromFile) {
    const unknown = services.filter((s) => !project.model.services[s]);
    if (unknown.length > 0) {
      throw new SlipwayError('no_such_service', `no such service: ${unknown.join(', ')}`, `Services in this project: ${Object.keys(project.model.services).sort().join(', ')}.`);
    }
  }
  const containers = await listProjectContainers(core.docker().docker, project.name, services);
  return containers
    .filter((c) => options.all !== false || LISTED_WITHOUT_ALL.has(c.state))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => ({
      service: c.service,
      container: c.name,
      id: c.id,
      state: c.state,
      ...(c.health ? { health: c.health } : {}),
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      image: c.image,
      ports: c.ports,
      // Without a compose file nothing can be called an orphan.
      orphan: fromFile && !project.model.services[c.service],
      project: project.name,
      status: c.status,
      command: c.command,
      created: c.created,
    }));
}
