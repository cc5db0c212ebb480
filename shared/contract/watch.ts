import { z } from 'zod';
import { defineCall } from './define';
import { Nothing, ProjectRef, ServiceNames } from './common';

/** What a reload did: Compose's develop.watch actions, plus the initial sync into a (re)created container. */
export const WatchReloadAction = z.enum(['sync', 'rebuild', 'restart', 'sync+restart', 'sync+exec', 'initial_sync']);
export type WatchReloadAction = z.infer<typeof WatchReloadAction>;

export const WatchError = z.object({ message: z.string(), hint: z.string().optional() });
export type WatchError = z.infer<typeof WatchError>;

/** What a `sync+exec` rule's command printed in one container, and how it ended. */
export const WatchExecOutput = z.object({
  /** The container's name. */
  container: z.string(),
  command: z.array(z.string()),
  exitCode: z.number().int(),
  /** Its stdout and stderr together (the last 4 KB), without the trailing newline. */
  output: z.string(),
});
export type WatchExecOutput = z.infer<typeof WatchExecOutput>;

/** One reload of one service: which files, which action, save-to-done latency. */
export const WatchReload = z.object({
  projectId: z.string(),
  service: z.string(),
  action: WatchReloadAction,
  /** Host paths, relative to the project directory (at most 100; `fileCount` has the total). */
  files: z.array(z.string()),
  fileCount: z.number().int().nonnegative(),
  /** From the first file system event of the batch to the action done. */
  latencyMs: z.number().nonnegative(),
  /** True when the files live in a bind mount of the service: nothing was copied. */
  bindMounted: z.boolean().optional(),
  ok: z.boolean(),
  error: WatchError.optional(),
  /** `sync+exec`: each command run, with its output (also when it failed). */
  exec: z.array(WatchExecOutput).optional(),
  /** Epoch ms when the reload finished. */
  at: z.number(),
});
export type WatchReload = z.infer<typeof WatchReload>;

export const WatchState = z.object({
  projectId: z.string(),
  watching: z.boolean(),
  /** Services with at least one develop.watch rule. */
  services: z.array(z.string()).optional(),
  /** Paths under watch (absolute). */
  paths: z.array(z.string()).optional(),
  /** How long the watcher took to be ready, in ms. */
  readyMs: z.number().optional(),
  /** What Compose warns about in the watched rules (the deprecated `x-initialSync`). */
  warnings: z.array(z.string()).optional(),
  error: WatchError.optional(),
});
export type WatchState = z.infer<typeof WatchState>;

export const WatchStatus = WatchState.extend({
  /** The last reloads, newest last (at most 20 per service). */
  reloads: z.array(WatchReload),
});
export type WatchStatus = z.infer<typeof WatchStatus>;

export const WatchStartInput = ProjectRef.extend({
  /** Quiet window that coalesces a burst into one reload per service (ms). */
  quietMs: z.number().int().min(0).max(10_000).optional(),
  /** Only these services' develop.watch rules (default: every service that has some). */
  services: ServiceNames.optional(),
});

export const WatchPlanInput = ProjectRef.extend({
  /** Only these services' develop.watch rules (default: every service that has some). */
  services: ServiceNames.optional(),
});

/** What `watch.start` would watch, without watching: a shell checks it before bringing services up. */
export const WatchPlanInfo = z.object({
  projectId: z.string(),
  /** Services with at least one develop.watch rule. */
  services: z.array(z.string()),
  /** Paths to watch (absolute), existing or not yet. */
  paths: z.array(z.string()),
  /** What Compose warns about in these rules (a deprecated spelling). */
  warnings: z.array(z.string()),
});
export type WatchPlanInfo = z.infer<typeof WatchPlanInfo>;

export const watchCalls = {
  /** Refused with `watch_no_rules` when no selected service has develop.watch rules. */
  'watch.plan': defineCall({ input: WatchPlanInput, output: WatchPlanInfo }),
  'watch.start': defineCall({ input: WatchStartInput, output: WatchState }),
  'watch.stop': defineCall({ input: ProjectRef, output: Nothing }),
  'watch.status': defineCall({ input: ProjectRef, output: WatchStatus }),
};

export const watchEvents = {
  'watch.reload': WatchReload,
  'watch.state': WatchState,
};
