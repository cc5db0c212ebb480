import { z } from 'zod';
import { TimelineCondition } from '../../../shared/contract/timeline';

/**
 * What a run recorder saw, as it saw it: Slipway's own steps (local clock, epoch ms) and each
 * container's Docker events (the engine's `timeNano`, in epoch ms). The timeline shown is
 * computed from these (timeline-view.ts); these are what is kept on disk.
 */
const At = z.number().optional();

export const ServiceSteps = z.object({
  pullingAt: At,
  pulledAt: At,
  buildingAt: At,
  builtAt: At,
  creatingAt: At,
  startingAt: At,
  /** Its containers were kept running (up's `Running`): nothing to wait for. */
  unchanged: z.boolean().optional(),
});
export type ServiceSteps = z.infer<typeof ServiceSteps>;

export const ContainerFacts = z.object({
  service: z.string(),
  createdAt: At,
  startedAt: At,
  healthyAt: At,
  unhealthyAt: At,
  diedAt: At,
  exitCode: z.number().int().optional(),
  /** From the container's inspect: a healthcheck that is not NONE. */
  healthcheck: z.boolean().optional(),
});
export type ContainerFacts = z.infer<typeof ContainerFacts>;

export const RunFacts = z.object({
  id: z.string(),
  project: z.string(),
  kind: z.enum(['up', 'restart']),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  ok: z.boolean().optional(),
  error: z.string().optional(),
  /** The services of the run, in the project's order. */
  services: z.array(z.string()),
  /** Each service's dependencies within the run, with the condition its start waited for. */
  deps: z.record(z.string(), z.array(z.object({ service: z.string(), condition: TimelineCondition }))),
  steps: z.record(z.string(), ServiceSteps),
  /** Whether the compose file gives the service a healthcheck (true) or disables it (false); absent: the image decides (inspect). */
  healthchecks: z.record(z.string(), z.boolean()).default({}),
  containers: z.record(z.string(), ContainerFacts),
});
export type RunFacts = z.infer<typeof RunFacts>;

/** One container event of the project, in epoch ms. */
export interface TimelineEngineEvent {
  time: number;
  action: string;
  id: string;
  service: string;
  attributes: Record<string, string>;
}

/**
 * Adds one Docker event to a run's facts; the first of each kind per container counts (a
 * replay of events already seen changes nothing). Returns true when something changed.
 */
export function addEngineEvent(facts: RunFacts, event: TimelineEngineEvent): boolean {
  if (!facts.services.includes(event.service) || event.time < facts.startedAt) return false;
  const known = facts.containers[event.id];
  const container = known ?? { service: event.service };
  const first = (key: 'createdAt' | 'startedAt' | 'healthyAt' | 'unhealthyAt' | 'diedAt'): boolean => {
    if (container[key] !== undefined) return false;
    container[key] = event.time;
    return true;
  };
  let changed = false;
  // A restart's stop (its die) and a health status from before the start belong to the previous life.
  const started = container.startedAt !== undefined && event.time >= container.startedAt;
  if (event.action === 'create') changed = first('createdAt');
  else if (event.action === 'start') changed = first('startedAt');
  else if (!started) changed = false;
  else if (event.action === 'health_status: healthy') changed = first('healthyAt');
  else if (event.action === 'health_status: unhealthy') changed = container.healthyAt === undefined && first('unhealthyAt');
  else if (event.action === 'die') {
    changed = first('diedAt');
    const code = Number(event.attributes.exitCode);
    if (changed && Number.isInteger(code)) container.exitCode = code;
  }
  if (changed && !known) facts.containers[event.id] = container;
  return changed;
}

/** The step statuses up and restart report (Compose's words) that mark a phase. */
export function addStep(facts: RunFacts, service: string, status: string, at: number): boolean {
  if (!facts.services.includes(service)) return false;
  const steps = (facts.steps[service] ??= {});
  const once = (key: 'pullingAt' | 'pulledAt' | 'buildingAt' | 'builtAt' | 'creatingAt' | 'startingAt'): boolean => {
    if (steps[key] !== undefined) return false;
    steps[key] = at;
    return true;
  };
  switch (status) {
    case 'Pulling': return once('pullingAt');
    case 'Pulled': return once('pulledAt');
    case 'Creating':
    case 'Recreate': return once('creatingAt');
    case 'Starting':
    case 'Restarting': return once('startingAt');
    case 'Running':
    case 'Exited':
      if (Object.values(facts.containers).some((c) => c.service === service)) return false;
      steps.unchanged = true;
      return true;
    default: return false;
  }
}

/** A build step of a service: the building phase runs from the first to the last one seen. */
export function addBuildStep(facts: RunFacts, service: string, at: number): boolean {
  if (!facts.services.includes(service)) return false;
  const steps = (facts.steps[service] ??= {});
  steps.buildingAt ??= at;
  steps.builtAt = at;
  return true;
}
