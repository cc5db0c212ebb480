import { z } from 'zod';
import { defineCall } from './define';
import { ProjectRef } from './common';

/** What a service waits for in a dependency, in short: depends_on's condition without `service_`. */
export const TimelineCondition = z.enum(['started', 'healthy', 'completed']);
export type TimelineCondition = z.infer<typeof TimelineCondition>;

/** One stretch of a service's start-up; `to` is null while it lasts. Times are epoch ms. */
export const TimelinePhase = z.object({
  name: z.enum(['queued', 'pulling', 'building', 'creating', 'waiting', 'starting', 'healthcheck', 'running']),
  from: z.number(),
  to: z.number().nullable(),
});
export type TimelinePhase = z.infer<typeof TimelinePhase>;

/** One dependency a service waited on: from the run's start until the condition held (`until`, null while it does not). */
export const TimelineWait = z.object({
  service: z.string(),
  condition: TimelineCondition,
  until: z.number().nullable(),
  waitedMs: z.number().nullable(),
});
export type TimelineWait = z.infer<typeof TimelineWait>;

export const TimelineServiceState = z.enum(['queued', 'pulling', 'building', 'creating', 'waiting', 'starting', 'started', 'healthy', 'completed', 'failed', 'unchanged', 'not started']);
export type TimelineServiceState = z.infer<typeof TimelineServiceState>;

export const TimelineService = z.object({
  service: z.string(),
  state: TimelineServiceState,
  /** Docker's `create` event (the first replica's), epoch ms; null when no container was created in this run. */
  createdAt: z.number().nullable(),
  /** Docker's `start` event (the first replica's). */
  startedAt: z.number().nullable(),
  /** When it was ready (every replica): `health_status: healthy`, the `die` with exit code 0 of a one-shot others wait on, else the start. */
  readyAt: z.number().nullable(),
  /** A `die` with a non-zero exit code or `health_status: unhealthy` before it was ready. */
  failedAt: z.number().nullable(),
  exitCode: z.number().int().optional(),
  healthcheck: z.boolean(),
  /** Each dependency it waited on, in the order their conditions held. */
  dependencies: z.array(TimelineWait),
  /** What held its start: the service named in `heldBy`, or null (none, or its own pull or build). */
  waitedFor: z.string().nullable(),
  /** The dependency whose condition held last (unless the service's own pull or build ended later): what held its start. */
  heldBy: TimelineWait.nullable(),
  critical: z.boolean(),
  phases: z.array(TimelinePhase),
});
export type TimelineService = z.infer<typeof TimelineService>;

/** One `up` (or restart) of a project, as it happened. */
export const TimelineRun = z.object({
  id: z.string(),
  project: z.string(),
  kind: z.enum(['up', 'restart']),
  startedAt: z.number(),
  /** When the task ended; null while it runs. */
  finishedAt: z.number().nullable(),
  ok: z.boolean().nullable(),
  error: z.string().optional(),
  /** Every service ready, failed or left as it was (after the task ended). */
  settled: z.boolean(),
  /** From the run's start to the last service's readiness (or failure). */
  totalMs: z.number().nullable(),
  /** The chain that decided the total time, first to last. */
  criticalPath: z.array(z.string()),
  services: z.array(TimelineService),
});
export type TimelineRun = z.infer<typeof TimelineRun>;

export const TimelineGetInput = ProjectRef.extend({
  /** A run id; default the latest. */
  run: z.string().min(1).max(100).optional(),
  /** Wait up to this long for the run to settle (every service ready or failed) before answering. */
  settleMs: z.number().int().min(0).max(3_600_000).optional(),
});

export const timelineCalls = {
  /** The project's last run (or `run`), with the runs kept (newest first); null when there is none yet. */
  'timeline.get': defineCall({
    input: TimelineGetInput,
    output: z.object({ run: TimelineRun.nullable(), runs: z.array(z.object({ id: z.string(), kind: z.enum(['up', 'restart']), startedAt: z.number() })) }),
  }),
};

export const timelineEvents = {
  /** A run changed (a step, a Docker event): sent at most every 50 ms while it lasts. */
  'timeline.changed': z.object({ projectId: z.string(), run: TimelineRun }),
};
