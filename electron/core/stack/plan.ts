import type { DependsOnCondition, Project } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import { dependencyEdges } from '../compose/graph';

/** One dependency of a service, with the condition its start waits for. */
export interface Dependency {
  service: string;
  condition: DependsOnCondition;
  required: boolean;
  /** Restart the dependent when this dependency is recreated or restarted. */
  restart: boolean;
}

/** Each service's dependencies (depends_on with its conditions; links, network_mode, volumes_from as service_started). */
export function dependenciesOf(project: Project): Map<string, Dependency[]> {
  const map = new Map<string, Dependency[]>();
  for (const name of Object.keys(project.model.services)) map.set(name, []);
  for (const [name, config] of Object.entries(project.model.services)) {
    const list = map.get(name) ?? [];
    for (const [dep, spec] of Object.entries(config.depends_on ?? {})) {
      list.push({ service: dep, condition: spec.condition ?? 'service_started', required: spec.required !== false, restart: spec.restart === true });
    }
    map.set(name, list);
  }
  for (const edge of dependencyEdges(project.model.services)) {
    if (edge.via === 'depends_on') continue;
    const list = map.get(edge.from) ?? [];
    if (!list.some((d) => d.service === edge.to)) list.push({ service: edge.to, condition: 'service_started', required: true, restart: false });
    map.set(edge.from, list);
  }
  return map;
}

/** Services that depend on each service (the reverse map, for down and stop). */
export function dependentsOf(deps: Map<string, Dependency[]>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const name of deps.keys()) map.set(name, []);
  for (const [name, list] of deps) {
    for (const dep of list) map.get(dep.service)?.push(name);
  }
  return map;
}

/** The first dependency cycle found, as a path that starts and ends with the same service. */
export function findCycle(deps: Map<string, Dependency[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const seen = state.get(name);
    if (seen === 'done') return undefined;
    if (seen === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of deps.get(name) ?? []) {
      if (!deps.has(dep.service)) continue;
      const cycle = visit(dep.service);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of [...deps.keys()].sort()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

export function assertNoCycle(deps: Map<string, Dependency[]>): void {
  const cycle = findCycle(deps);
  if (cycle) {
    throw new SlipwayError('dependency_cycle', `Dependency cycle between services: ${cycle.join(' → ')}`, 'Remove one of these depends_on (or links, network_mode, volumes_from) entries.');
  }
}

/** Checks requested names against the project; unknown names are an error that lists the known ones. */
export function checkServiceNames(project: Project, names: string[]): void {
  for (const name of names) {
    if (project.model.services[name]) continue;
    const disabled = project.disabledServices[name];
    if (disabled) {
      throw new SlipwayError('service_disabled', `Service "${name}" is disabled by profiles`, `Enable it with --profile ${disabled[0] ?? ''}.`);
    }
    throw new SlipwayError('no_such_service', `No such service: "${name}"`, `Services in this project: ${Object.keys(project.model.services).sort().join(', ')}.`);
  }
}

/**
 * The services an operation touches: the requested ones (all when none are named) plus,
 * unless `noDeps`, everything they depend on, transitively.
 */
export function selectServices(project: Project, deps: Map<string, Dependency[]>, requested: string[] | undefined, noDeps = false): string[] {
  if (!requested || requested.length === 0) return Object.keys(project.model.services).sort();
  checkServiceNames(project, requested);
  const selected = new Set<string>();
  const add = (name: string) => {
    if (selected.has(name)) return;
    selected.add(name);
    if (noDeps) return;
    for (const dep of deps.get(name) ?? []) if (deps.has(dep.service)) add(dep.service);
  };
  for (const name of requested) add(name);
  return [...selected].sort();
}

/** Services in start order (dependencies first), as levels that may run in parallel. */
export function startLevels(services: string[], deps: Map<string, Dependency[]>): string[][] {
  const remaining = new Set(services);
  const levels: string[][] = [];
  while (remaining.size > 0) {
    const level = [...remaining].filter((name) => (deps.get(name) ?? []).every((d) => !remaining.has(d.service)));
    if (level.length === 0) throw new SlipwayError('dependency_cycle', `Dependency cycle between services: ${[...remaining].join(', ')}`);
    level.sort();
    for (const name of level) remaining.delete(name);
    levels.push(level);
  }
  return levels;
}
