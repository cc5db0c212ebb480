import type Docker from 'dockerode';
import type { EngineProject } from '../../../shared/contract/stack-ops';
import { LABEL } from './compose-labels';
import { compareText } from '../../../shared/compare-text';

/**
 * The Compose projects on the engine, as `docker compose ls` finds them: containers with a
 * project and a config-hash label (running ones, or all with `all`), grouped by project; the
 * status counts states (`exited(1), running(2)`), the config files come from the label.
 */
export async function listEngineProjects(docker: Docker, all: boolean): Promise<EngineProject[]> {
  const list = await docker.listContainers({ all, filters: { label: [LABEL.project, LABEL.configHash] } });
  const projects = new Map<string, { states: Map<string, number>; configFiles: string }>();
  for (const info of list) {
    const labels = info.Labels ?? {};
    const name = labels[LABEL.project];
    if (name === undefined) continue;
    const entry = projects.get(name) ?? { states: new Map<string, number>(), configFiles: labels[LABEL.configFiles] ?? '' };
    entry.states.set(info.State, (entry.states.get(info.State) ?? 0) + 1);
    projects.set(name, entry);
  }
  return [...projects]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, entry]) => ({ name, status: combinedStatus(entry.states), configFiles: entry.configFiles }));
}

/** `exited(1), running(2)`: each state with its count, states in alphabetical order. */
export function combinedStatus(states: Map<string, number>): string {
  return [...states].sort(([a], [b]) => compareText(a, b)).map(([state, count]) => `${state}(${count})`).join(', ');
}
