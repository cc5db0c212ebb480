import type { ServiceChange } from '../../../shared/contract/livefile';
import type { Project, ServiceConfig } from '../../../shared/model/project';
import { serviceHash, stableJson } from '../stack/labels';
import { serviceScale } from '../stack/scale';
import { compareText } from '../../../shared/compare-text';

/** Keys whose values are maps a person edits entry by entry: the diff names the entry. */
const MAPS = new Set(['environment', 'labels', 'healthcheck', 'deploy', 'logging', 'extra_hosts', 'sysctls', 'ulimits', 'networks', 'annotations']);

/**
 * What changed between the project as it runs (`before`) and as its files say now
 * (`after`), service by service, decided as `up` decides: a service is recreated when its
 * config hash (stack/labels.ts serviceHash, secrets' and configs' content included) or its
 * replica count differs. Services that name a changed one with `depends_on: {restart: true}`
 * follow it (restarted after it, as up does). Sorted by service name.
 */
export function diffProjects(before: Project, after: Project): ServiceChange[] {
  const old = before.model.services;
  const now = after.model.services;
  const out: ServiceChange[] = [];
  for (const service of Object.keys(now).sort()) {
    const was = old[service];
    if (!was) {
      out.push({ service, change: 'added', keys: [] });
      continue;
    }
    const hashChanged = serviceHash(before, service) !== serviceHash(after, service);
    const scaleChanged = replicas(before, service) !== replicas(after, service);
    if (!hashChanged && !scaleChanged) continue;
    const keys = changedKeys(was, now[service] ?? {});
    if (keys.length === 0) keys.push(hashChanged ? 'secrets/configs (file content)' : 'scale');
    out.push({ service, change: 'changed', keys });
  }
  for (const service of Object.keys(old).sort()) {
    if (!now[service]) out.push({ service, change: 'removed', keys: [] });
  }
  return withRestartDependents(after, out);
}

/** Top-level keys that differ; inside the maps people edit entry by entry, the entry (`environment.API_URL`). */
export function changedKeys(before: ServiceConfig, after: ServiceConfig): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const key of [...keys].sort()) {
    const a: unknown = before[key];
    const b: unknown = after[key];
    if (stableJson(a) === stableJson(b)) continue;
    if (MAPS.has(key) && isMap(a) && isMap(b)) out.push(...changedKeys(a, b).map((inner) => `${key}.${inner}`));
    else out.push(key);
  }
  return out;
}

/** Dependents declared with `restart: true` on a changed service, transitively. */
function withRestartDependents(project: Project, changes: ServiceChange[]): ServiceChange[] {
  const touched = new Set(changes.filter((c) => c.change === 'changed').map((c) => c.service));
  const listed = new Set(changes.map((c) => c.service));
  const out = [...changes];
  let added = true;
  while (added) {
    added = false;
    for (const [service, config] of Object.entries(project.model.services).sort(([a], [b]) => compareText(a, b))) {
      if (listed.has(service)) continue;
      const cause = Object.entries(config.depends_on ?? {}).find(([dep, spec]) => spec.restart === true && touched.has(dep))?.[0];
      if (cause === undefined) continue;
      out.push({ service, change: 'changed', keys: [], restartedFor: cause });
      listed.add(service);
      touched.add(service);
      added = true;
    }
  }
  return out;
}

/** The replica count; -1 when the file asks for something up refuses (up says why). */
function replicas(project: Project, service: string): number {
  try {
    return serviceScale(project, service);
  } catch {
    return -1;
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
