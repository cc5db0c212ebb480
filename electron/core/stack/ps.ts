import type { Project } from '../../../shared/model/project';
import type { ServiceContainer } from '../../../shared/contract/stack';
import { listProjectContainers } from './containers';
import type { StackCore } from './types';

/** The project's service containers for `ps`: state, health, exit code, ports, orphan or not. */
export async function psProject(core: StackCore, project: Project): Promise<ServiceContainer[]> {
  const containers = await listProjectContainers(core.docker().docker, project.name);
  return containers.map((c) => ({
    service: c.service,
    container: c.name,
    id: c.id,
    state: c.state,
    ...(c.health ? { health: c.health } : {}),
    ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
    image: c.image,
    ports: c.ports,
    orphan: !project.model.services[c.service],
  }));
}
