import type { TimelineCondition, TimelinePhase, TimelineRun, TimelineService, TimelineServiceState, TimelineWait } from '../../../shared/contract/timeline';
import type { ContainerFacts, RunFacts } from './run-facts';

/** A service's containers of the run, summed up. */
interface ServiceFacts {
  containers: ContainerFacts[];
  createdAt: number | null;
  startedAt: number | null;
  /** Every replica started (what a service_started dependent waits for). */
  allStartedAt: number | null;
  healthyAt: number | null;
  completedAt: number | null;
  readyAt: number | null;
  failedAt: number | null;
  exitCode?: number;
  healthcheck: boolean;
  unchanged: boolean;
}

const min = (values: (number | undefined)[]): number | null => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? Math.min(...known) : null;
};
/** The latest of the values when every container has one (all replicas there), else null. */
const allOf = (containers: ContainerFacts[], pick: (c: ContainerFacts) => number | undefined): number | null => {
  if (containers.length === 0) return null;
  const values = containers.map(pick).filter((v): v is number => v !== undefined);
  return values.length === containers.length ? Math.max(...values) : null;
};

function serviceFacts(facts: RunFacts, service: string, completionDep: boolean): ServiceFacts {
  const containers = Object.values(facts.containers).filter((c) => c.service === service);
  const healthcheck = facts.healthchecks[service] ?? containers.some((c) => c.healthcheck === true || c.healthyAt !== undefined || c.unhealthyAt !== undefined);
  const completed = (c: ContainerFacts) => (c.exitCode === 0 ? c.diedAt : undefined);
  const healthyAt = allOf(containers, (c) => c.healthyAt);
  const completedAt = allOf(containers, completed);
  const allStartedAt = allOf(containers, (c) => c.startedAt);
  const readyAt = healthcheck ? healthyAt : completionDep ? completedAt : allStartedAt;
  const failures = containers.map((c) => (c.exitCode !== undefined && c.exitCode !== 0 ? c.diedAt : c.healthyAt === undefined ? c.unhealthyAt : undefined));
  const failed = containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0);
  return {
    containers,
    createdAt: min(containers.map((c) => c.createdAt)),
    startedAt: min(containers.map((c) => c.startedAt)),
    allStartedAt,
    healthyAt,
    completedAt,
    readyAt,
    failedAt: min(failures),
    ...(failed?.exitCode !== undefined ? { exitCode: failed.exitCode } : containers[0]?.exitCode !== undefined ? { exitCode: containers[0].exitCode } : {}),
    healthcheck,
    unchanged: containers.length === 0 && facts.steps[service]?.unchanged === true,
  };
}

/** When a dependency's condition held: a service left running held it from the run's start. */
function satisfiedAt(facts: RunFacts, dep: ServiceFacts, condition: TimelineCondition): number | null {
  if (dep.unchanged) return facts.startedAt;
  if (condition === 'started') return dep.allStartedAt;
  if (condition === 'healthy') return dep.healthyAt;
  return dep.completedAt;
}

function stateOf(facts: RunFacts, service: string, s: ServiceFacts, done: boolean): TimelineServiceState {
  if (s.failedAt !== null) return 'failed';
  if (s.unchanged) return 'unchanged';
  if (s.completedAt !== null && !s.healthcheck) return 'completed';
  if (s.readyAt !== null) return s.healthcheck ? 'healthy' : 'started';
  if (s.startedAt !== null) return 'starting';
  const steps = facts.steps[service] ?? {};
  // After the task: never asked to start (a dependency failed, --no-start), or asked and its start event is on its way.
  if (steps.startingAt !== undefined) return facts.ok === false ? 'not started' : 'starting';
  if (done) return 'not started';
  if (s.createdAt !== null) return 'waiting';
  if (steps.creatingAt !== undefined) return 'creating';
  if (steps.buildingAt !== undefined) return 'building';
  if (steps.pullingAt !== undefined) return 'pulling';
  return 'queued';
}

function phasesOf(facts: RunFacts, service: string, s: ServiceFacts, completionDep: boolean): TimelinePhase[] {
  const steps = facts.steps[service] ?? {};
  const phases: TimelinePhase[] = [];
  const add = (name: TimelinePhase['name'], from: number | null | undefined, to: number | null | undefined) => {
    if (from === null || from === undefined) return;
    phases.push({ name, from, to: to ?? null });
  };
  if (s.unchanged) return phases;
  const firstActivity = min([steps.pullingAt, steps.buildingAt, steps.creatingAt, s.createdAt ?? undefined, steps.startingAt, s.startedAt ?? undefined]);
  add('queued', facts.startedAt, firstActivity);
  add('pulling', steps.pullingAt, steps.pulledAt ?? steps.buildingAt ?? steps.creatingAt ?? s.createdAt);
  add('building', steps.buildingAt, steps.builtAt);
  if (steps.creatingAt !== undefined) add('creating', steps.creatingAt, s.createdAt);
  const startAsked = steps.startingAt !== undefined && (s.createdAt === null || steps.startingAt >= s.createdAt) ? steps.startingAt : undefined;
  add('waiting', s.createdAt, startAsked ?? s.startedAt ?? (s.failedAt !== null ? s.failedAt : null));
  add('starting', startAsked, s.startedAt);
  const end = s.failedAt ?? null;
  if (s.healthcheck) add('healthcheck', s.startedAt, s.healthyAt ?? end);
  else if (completionDep || s.completedAt !== null) add('running', s.startedAt, s.completedAt ?? end);
  return phases;
}

/** The run as the timeline shows it: each service's phases, what held it, and the critical path. */
export function timelineView(facts: RunFacts): TimelineRun {
  const completionDeps = new Set(Object.values(facts.deps).flatMap((list) => list.filter((d) => d.condition === 'completed').map((d) => d.service)));
  const summed = new Map(facts.services.map((service) => [service, serviceFacts(facts, service, completionDeps.has(service))]));
  const done = facts.finishedAt !== undefined;
  const services: TimelineService[] = [...summed].map(([service, s]) => {
    const dependencies: TimelineWait[] = (facts.deps[service] ?? []).map((dep) => {
      const depFacts = summed.get(dep.service);
      const until = depFacts ? satisfiedAt(facts, depFacts, dep.condition) : null;
      return { service: dep.service, condition: dep.condition, until, waitedMs: until === null ? null : Math.max(0, until - facts.startedAt) };
    });
    dependencies.sort((a, b) => (a.until ?? Infinity) - (b.until ?? Infinity));
    const last = dependencies.at(-1);
    // Its own image (a pull, a build) done after that condition held was what it waited on instead.
    // (Its create does not count: up creates a gated service only once its dependency starts.)
    const steps = facts.steps[service] ?? {};
    const imageReady = Math.max(steps.pulledAt ?? -Infinity, steps.builtAt ?? -Infinity);
    const heldBy = !s.unchanged && last && last.until !== null && last.until > imageReady ? last : null;
    return {
      service,
      state: stateOf(facts, service, s, done),
      createdAt: s.createdAt,
      startedAt: s.startedAt,
      readyAt: s.readyAt,
      failedAt: s.failedAt,
      ...(s.exitCode !== undefined ? { exitCode: s.exitCode } : {}),
      healthcheck: s.healthcheck,
      dependencies,
      waitedFor: heldBy?.service ?? null,
      heldBy,
      critical: false,
      phases: phasesOf(facts, service, s, completionDeps.has(service)),
    };
  });
  const criticalPath = criticalPathOf(services);
  for (const service of services) service.critical = criticalPath.includes(service.service);
  const endOf = (s: TimelineService) => s.failedAt ?? s.readyAt;
  const ends = services.map(endOf).filter((v): v is number => v !== null);
  const settled = done && services.every((s) => s.state === 'unchanged' || s.state === 'not started' || s.failedAt !== null || s.readyAt !== null);
  return {
    id: facts.id,
    project: facts.project,
    kind: facts.kind,
    startedAt: facts.startedAt,
    finishedAt: facts.finishedAt ?? null,
    ok: facts.ok ?? null,
    ...(facts.error !== undefined ? { error: facts.error } : {}),
    settled,
    totalMs: ends.length > 0 ? Math.max(...ends) - facts.startedAt : null,
    criticalPath,
    services,
  };
}

/**
 * The chain that decided the total time: from the service that was ready (or failed) last,
 * back through what held each one's start, listed first to last.
 */
export function criticalPathOf(services: TimelineService[]): string[] {
  const byName = new Map(services.map((s) => [s.service, s]));
  let last: TimelineService | undefined;
  let lastEnd = -Infinity;
  for (const s of services) {
    const end = s.failedAt ?? s.readyAt ?? s.startedAt;
    if (end !== null && end > lastEnd) {
      last = s;
      lastEnd = end;
    }
  }
  const path: string[] = [];
  for (let s = last; s && !path.includes(s.service); s = s.heldBy ? byName.get(s.heldBy.service) : undefined) {
    if (s.state === 'unchanged') break;
    path.unshift(s.service);
  }
  return path;
}
