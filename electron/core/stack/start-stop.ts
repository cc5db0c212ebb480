import type { Project } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import type { ProjectContainer } from '../state/container-record';
import { byService, listProjectContainers } from '../state/container-list';
import { assertNoCycle, dependenciesOf, dependentsOf, selectServices } from './plan';
import type { Dependency } from './plan';
import { ReadinessWatch } from './readiness';
import { readinessFromInspect } from '../state/container-record';
import { ignoreGone, startServiceContainer } from './service-container';
import type { ProgressListener, StackCore } from './types';
import { StartGate } from './wait';
import type { GateContainer } from './wait';
import { serviceScale } from './scale';

export interface ServicesOptions {
  /** Only these services (all when empty). */
  services?: string[];
  /** Stop timeout in seconds (`-t`); otherwise each container's stop_grace_period. */
  timeoutSeconds?: number;
  /** With exactly one service: only its replica with this container number. */
  index?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/**
 * `index`: one replica of the one named service; its other replicas are left alone (other
 * services, such as dependencies `start` takes along, are not filtered). Refused when that
 * replica does not exist, listing the ones that do.
 */
function replicaFilter(options: ServicesOptions, containers: ProjectContainer[]): (c: ProjectContainer) => boolean {
  const index = options.index;
  if (index === undefined) return () => true;
  const [service, ...more] = options.services ?? [];
  if (service === undefined || more.length > 0) throw new SlipwayError('usage', 'A replica number needs exactly one service', 'Name the service whose replica to act on.');
  const numbers = containers.filter((c) => c.service === service).map((c) => c.number);
  if (!numbers.includes(index)) {
    throw new SlipwayError('no_container', `service "${service}" has no container number ${index}${numbers.length > 0 ? ` (it has ${numbers.join(', ')})` : ''}`, 'Look at `slipway ps` for its replicas.');
  }
  return (c) => c.service !== service || c.number === index;
}

/**
 * Runs `action` on every container once all containers of the services that depend on its
 * service are done (reverse dependency order), in parallel where the graph allows.
 */
export async function inReverseOrder(containers: ProjectContainer[], dependents: Map<string, string[]>, action: (c: ProjectContainer) => Promise<void>): Promise<void> {
  const byName = byService(containers);
  const done = new Map<string, Promise<void>>();
  const finish = (service: string, seen: Set<string>): Promise<void> => {
    let promise = done.get(service);
    if (promise) return promise;
    // Services with nothing to act on still pass the order through (web → migrate(exited) → db).
    const after = (dependents.get(service) ?? []).filter((d) => !seen.has(d));
    const nextSeen = new Set(seen).add(service);
    promise = Promise.all(after.map((d) => finish(d, nextSeen))).then(async () => {
      await Promise.all((byName.get(service) ?? []).map(action));
    });
    done.set(service, promise);
    return promise;
  };
  await Promise.all([...byName.keys()].map((s) => finish(s, new Set())));
}

/** Stops all or the named services, dependents before their dependencies. */
export async function stopServices(core: StackCore, project: Project, options: ServicesOptions = {}): Promise<string[]> {
  const docker = core.docker().docker;
  const report: ProgressListener = options.onProgress ?? (() => undefined);
  const deps = dependenciesOf(project);
  const selected = new Set(options.services && options.services.length > 0 ? selectServices(project, deps, options.services, true) : Object.keys(project.model.services));
  const listed = await listProjectContainers(docker, project.name);
  const chosen = replicaFilter(options, listed);
  const containers = listed.filter((c) => selected.has(c.service) && chosen(c) && c.state !== 'exited' && c.state !== 'created');
  await inReverseOrder(containers, dependentsOf(deps), async (c) => {
    report({ kind: 'Container', name: c.name, status: 'Stopping', service: c.service });
    await docker.getContainer(c.id).stop(options.timeoutSeconds !== undefined ? { t: options.timeoutSeconds } : {}).catch(ignoreGone);
    report({ kind: 'Container', name: c.name, status: 'Stopped', service: c.service });
  });
  return containers.map((c) => c.name);
}

/** Starts the existing containers of all or the named services (and their dependencies), honouring depends_on conditions. */
export async function startServices(core: StackCore, project: Project, options: ServicesOptions = {}): Promise<void> {
  await runInOrder(core, project, options, 'start');
}

/**
 * Restarts all or the named services in dependency order: a dependent is restarted once its
 * dependencies (restarted too when named) meet their conditions again.
 */
export async function restartServices(core: StackCore, project: Project, options: ServicesOptions = {}): Promise<void> {
  await runInOrder(core, project, options, 'restart');
}

/** Dependents declared with `restart: true` on a restarted service are restarted too (transitively). */
function addRestartDependents(selected: string[], deps: Map<string, Dependency[]>): void {
  let added = true;
  while (added) {
    added = false;
    for (const [service, list] of deps) {
      if (selected.includes(service)) continue;
      if (list.some((d) => d.restart && selected.includes(d.service))) {
        selected.push(service);
        added = true;
      }
    }
  }
}

async function runInOrder(core: StackCore, project: Project, options: ServicesOptions, mode: 'start' | 'restart'): Promise<void> {
  const docker = core.docker().docker;
  const report: ProgressListener = options.onProgress ?? (() => undefined);
  const deps = dependenciesOf(project);
  assertNoCycle(deps);
  const named = options.services && options.services.length > 0 ? options.services : undefined;
  const selected = selectServices(project, deps, named, mode === 'restart');
  if (mode === 'restart') addRestartDependents(selected, deps);
  const events = await core.engineEvents();
  const watch = new ReadinessWatch(events, project.name, async (id) => readinessFromInspect(await docker.getContainer(id).inspect()));
  try {
    const listed = await listProjectContainers(docker, project.name);
    const chosen = replicaFilter(options, listed);
    const current = byService(listed.filter(chosen));
    // A service scaled to 0 has nothing to start, and is not missing.
    const missing = selected.filter((s) => !current.has(s) && serviceScale(project, s) > 0);
    if (missing.length > 0) {
      throw new SlipwayError('no_container', `No container for service${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, 'Create them with `slipway up`.');
    }
    const withHealthcheck = new Set<string>();
    await Promise.all(selected.map(async (s) => {
      const replicas = current.get(s) ?? [];
      const first = replicas[0];
      if (!first) return;
      const test = (await docker.getContainer(first.id).inspect()).Config.Healthcheck?.Test;
      const healthcheck = Array.isArray(test) && test.length > 0 && test[0] !== 'NONE';
      if (healthcheck) withHealthcheck.add(s);
      for (const c of replicas) {
        watch.seed(c.id, { running: c.state === 'running', ...(c.health ? { health: c.health } : {}), ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}) });
        if (healthcheck) watch.markHealthcheck(c.id);
      }
    }));
    const completionDeps = new Set<string>();
    for (const list of deps.values()) for (const d of list) if (d.condition === 'service_completed_successfully') completionDeps.add(d.service);
    const gate = new StartGate({
      docker, project, deps, selected: new Set(selected), watch, report, signal: options.signal, completionDeps,
      warn: (message) => report({ kind: 'Warning', name: project.name, status: message }),
      hasHealthcheck: (s) => withHealthcheck.has(s),
      // Every replica; `start` leaves running ones alone, `restart` restarts them all.
      containersOf: async (s) => (current.get(s) ?? []).map((c): GateContainer => ({
        id: c.id,
        name: c.name,
        ...(mode === 'start' ? { existing: { running: c.state === 'running', ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}) } } : {}),
      })),
      actions: {},
      start: async (service, c) => {
        watch.reset(c.id);
        if (mode === 'start') return startServiceContainer(docker, c.id, c.name, service, report);
        report({ kind: 'Container', name: c.name, status: 'Restarting', service });
        await docker.getContainer(c.id).restart(options.timeoutSeconds !== undefined ? { t: options.timeoutSeconds } : {});
        report({ kind: 'Container', name: c.name, status: 'Restarted', service });
      },
    });
    await gate.startAll(selected);
  } finally {
    watch.dispose();
  }
}
