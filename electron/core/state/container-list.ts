import type Docker from 'dockerode';
import { LABEL, projectFilter } from './compose-labels';
import type { ProjectContainer } from './container-record';
import { containerFromSummary } from './container-record';
import { compareText } from '../../../shared/compare-text';

/**
 * Every service container of the project, whoever made it (Slipway, `docker compose`,
 * `docker-compose`): one listing, found by Compose's labels; one-off (`run`) containers
 * are left out. Only those of `services` when given (and not empty).
 */
export async function listProjectContainers(docker: Docker, projectName: string, services?: readonly string[]): Promise<ProjectContainer[]> {
  const list = await docker.listContainers({ all: true, filters: projectFilter(projectName) });
  const wanted = services && services.length > 0 ? new Set(services) : undefined;
  const out: ProjectContainer[] = [];
  for (const info of list) {
    const container = containerFromSummary(info);
    if (container && (!wanted || wanted.has(container.service))) out.push(container);
  }
  return out.sort((a, b) => compareText(a.service, b.service) || a.number - b.number);
}

/** Containers grouped by service. */
export function byService(containers: ProjectContainer[]): Map<string, ProjectContainer[]> {
  const map = new Map<string, ProjectContainer[]>();
  for (const c of containers) {
    const list = map.get(c.service) ?? [];
    list.push(c);
    map.set(c.service, list);
  }
  return map;
}

/** A one-off (`run`) container of a project. */
export interface OneOffRecord {
  id: string;
  name: string;
  service: string;
  state: string;
}

/** The project's one-off (`run`) containers, which the service listing leaves out. */
export async function listOneOffContainers(docker: Docker, projectName: string): Promise<OneOffRecord[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [...projectFilter(projectName).label, `${LABEL.oneoff}=True`] } });
  return list.map((info) => ({
    id: info.Id,
    name: (info.Names?.[0] ?? info.Id).replace(/^\//, ''),
    service: info.Labels?.[LABEL.service] ?? '',
    state: info.State,
  }));
}
