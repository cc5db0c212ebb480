import type { Project, ServiceConfig } from '../../../shared/model/project';
import type { DependencyEdge } from '../../../shared/model/graph';

/**
 * Edges from depends_on, links, network_mode: service:X and volumes_from
 * (`from` depends on `to`).
 */
export function dependencyEdges(services: Record<string, ServiceConfig>): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  for (const [name, service] of Object.entries(services)) {
    for (const dep of Object.keys(service.depends_on ?? {})) edges.push({ from: name, to: dep, via: 'depends_on' });
    for (const link of service.links ?? []) {
      const target = link.split(':')[0] ?? link;
      edges.push({ from: name, to: target, via: 'links' });
    }
    const mode = service.network_mode;
    if (mode?.startsWith('service:')) edges.push({ from: name, to: mode.slice('service:'.length), via: 'network_mode' });
    for (const source of service.volumes_from ?? []) {
      if (source.startsWith('container:')) continue;
      const target = source.split(':')[0] ?? source;
      edges.push({ from: name, to: target, via: 'volumes_from' });
    }
  }
  return edges;
}

/** Each service's direct dependencies (deduplicated, sorted). */
export function dependencyMap(project: Project): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const name of Object.keys(project.model.services)) map[name] = [];
  for (const edge of dependencyEdges(project.model.services)) {
    const list = map[edge.from] ?? (map[edge.from] = []);
    if (!list.includes(edge.to)) list.push(edge.to);
  }
  for (const list of Object.values(map)) list.sort();
  return map;
}

/**
 * The first dependency cycle found, as a path that returns to its start
 * (`['web', 'api', 'web']`), or undefined. Services are visited in sorted order so the
 * answer is stable; edges to services that are not in the map are ignored.
 */
export function findDependencyCycle(services: Record<string, ServiceConfig>): string[] | undefined {
  const next: Record<string, string[]> = {};
  for (const name of Object.keys(services)) next[name] = [];
  for (const edge of dependencyEdges(services)) {
    const list = next[edge.from];
    if (list && edge.to in next && !list.includes(edge.to)) list.push(edge.to);
  }
  for (const list of Object.values(next)) list.sort();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of next[name] ?? []) {
      if (state.get(dep) === 'visiting') return [...stack.slice(stack.indexOf(dep)), dep];
      if (state.get(dep) === undefined) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of Object.keys(next).sort()) {
    if (state.get(name) !== undefined) continue;
    const found = visit(name);
    if (found) return found;
  }
  return undefined;
}
