import { z } from 'zod';
import { defineCall } from './define';
import { ProjectRef } from './common';

/**
 * One bind-mounted folder of a service and how it reaches the engine: as a bind mount
 * (the engine sees the folder) or as a synchronized share (a project volume filled through
 * the archive API and kept in sync by the project's watcher). See docs/compose.md.
 */
export const ShareMount = z.object({
  service: z.string(),
  /** The host folder (absolute). */
  source: z.string(),
  /** Where the service sees it. */
  target: z.string(),
  mode: z.enum(['bind', 'sync']),
  /** Why it is synchronized: asked for (`x-slipway.sync`) or the engine cannot see the folder. */
  why: z.enum(['asked', 'unreachable']).optional(),
  /** The probe's answer: true when a marker written here was seen by a container; absent when not probed. */
  reaches: z.boolean().optional(),
  /** In words: why the folder does not reach the engine, or why it was not probed. */
  reason: z.string().optional(),
  /** The project volume that stands in for the folder (sync mode). */
  volume: z.string().optional(),
  /** Files and bytes of the last full fill. */
  files: z.number().int().nonnegative().optional(),
  bytes: z.number().int().nonnegative().optional(),
  /** Epoch ms of the last fill or synced change. */
  lastChangeAt: z.number().optional(),
  /** Save to copied in the container, of the last synced change (ms). */
  lagMs: z.number().nonnegative().optional(),
  /** The last failure, naming the file. */
  error: z.string().optional(),
});
export type ShareMount = z.infer<typeof ShareMount>;

export const ShareStatus = z.object({ projectId: z.string(), mounts: z.array(ShareMount) });
export type ShareStatus = z.infer<typeof ShareStatus>;

export const sharesCalls = {
  /** Probes every bind-mounted folder (answers are cached per engine and folder) and says how each reaches the engine. */
  'shares.status': defineCall({ input: ProjectRef, output: ShareStatus }),
};

export const sharesEvents = {
  /** A share was probed, filled, synced or failed. */
  'shares.changed': ShareStatus,
};
