import { z } from 'zod';
import { defineCall } from './define';
import { Nothing, ProjectRef } from './common';

/**
 * The project file is live: a saved compose file, `.env`, env file or secret/config file
 * reloads the project, and each service whose configuration changed is listed here.
 */
export const ServiceChange = z.object({
  service: z.string(),
  /** `changed`: its config hash differs (recreate); `added`: new (create); `removed`: gone from the file (an orphan, stopped). */
  change: z.enum(['changed', 'added', 'removed']),
  /** What changed, as keys: `command`, `environment.API_URL`, `image`, `secrets (file content)`. */
  keys: z.array(z.string()),
  /** Also recreated because a dependency it names with `restart: true` is. */
  restartedFor: z.string().optional(),
});
export type ServiceChange = z.infer<typeof ServiceChange>;

export const LiveFileError = z.object({ message: z.string(), hint: z.string().optional() });
export type LiveFileError = z.infer<typeof LiveFileError>;

/** What the project's files say now, against what runs (the project as last applied or opened). */
export const LiveFileState = z.object({
  projectId: z.string(),
  /** Changes are applied as they are saved (watching) or wait for `livefile.apply` (a banner). */
  autoApply: z.boolean(),
  /** The files watched, absolute. */
  files: z.array(z.string()),
  /** The files whose save led here, relative to the project folder. */
  changedFiles: z.array(z.string()),
  /** Services to create, recreate or stop; empty when the files and the stack agree. */
  changes: z.array(ServiceChange),
  /** The last save does not load (YAML, schema, variable, cycle): where and why; nothing was changed. */
  error: LiveFileError.optional(),
  /** Epoch ms. */
  at: z.number(),
});
export type LiveFileState = z.infer<typeof LiveFileState>;

/** One applied change: what was done to which service, and how long from the save to ready. */
export const LiveFileApplied = z.object({
  projectId: z.string(),
  changedFiles: z.array(z.string()),
  changes: z.array(ServiceChange),
  /** What up did to each service it touched (`recreated`, `created`, `restarted`, `stopped`). */
  actions: z.record(z.string(), z.string()),
  ok: z.boolean(),
  error: LiveFileError.optional(),
  /** From the first file event (or the Apply) to the services ready, in ms. */
  latencyMs: z.number().nonnegative(),
  at: z.number(),
});
export type LiveFileApplied = z.infer<typeof LiveFileApplied>;

export const LiveFileFollowInput = ProjectRef.extend({
  /** Apply each valid save at once (as while watching); otherwise list it until `livefile.apply`. */
  autoApply: z.boolean().optional(),
  /** Quiet window after the last file event, in ms (default 50). */
  quietMs: z.number().int().min(0).max(10_000).optional(),
});

export const liveFileCalls = {
  /** Starts following the project's files (again: changes autoApply); the project must be open. */
  'livefile.follow': defineCall({ input: LiveFileFollowInput, output: LiveFileState }),
  'livefile.unfollow': defineCall({ input: ProjectRef, output: Nothing }),
  'livefile.status': defineCall({ input: ProjectRef, output: LiveFileState }),
  /** Applies the pending changes now (the banner's Apply); refused while the files do not load. */
  'livefile.apply': defineCall({ input: ProjectRef, output: LiveFileApplied }),
};

export const liveFileEvents = {
  'livefile.state': LiveFileState,
  'livefile.applied': LiveFileApplied,
};
