import { z } from 'zod';
import { defineCall } from './define';
import { Nothing, ServiceNames } from './common';

export const LogStreamName = z.enum(['stdout', 'stderr', 'system']);
export type LogStreamName = z.infer<typeof LogStreamName>;

/** One log line. `system` lines are Slipway's own markers (restarted, reconnected, skipped). */
export const LogLine = z.object({
  service: z.string(),
  stream: LogStreamName,
  /** The text as the container wrote it, ANSI colour kept, no trailing newline. */
  text: z.string(),
  /** Docker's timestamp, in epoch milliseconds (microsecond fraction). */
  ts: z.number(),
});
export type LogLine = z.infer<typeof LogLine>;

export const LogsSubscribeInput = z.object({
  projectId: z.string().min(1),
  services: ServiceNames.optional(),
  /** Lines of history per service to send first (default: all the ring holds). */
  tail: z.number().int().min(0).optional(),
  /** Only lines at or after this time: epoch ms, or a duration like "10m" / an ISO time. */
  since: z.union([z.number(), z.string().max(100)]).optional(),
  /**
   * Where the lines come from. `ring` (default): the core's per-project rings, shared by every
   * viewer and bounded (a reader that falls behind gets a "lines skipped" marker) — the window.
   * `engine`: a read of the engine for this subscription alone — the whole history, nothing
   * skipped, the reads wait for acks — the CLI.
   */
  source: z.enum(['ring', 'engine']).optional(),
  /**
   * `engine` only: false sends the history, then `logs.end` once every batch is acknowledged
   * (the subscription is then gone). Default true: keep following, across restarts.
   */
  follow: z.boolean().optional(),
  /**
   * `engine` only: false when `ts` need not be the engine's time (history of a single container
   * is then read as `docker logs` reads it, faster; `ts` is the time of reading). Default true.
   */
  timestamps: z.boolean().optional(),
  /** Send the text with its ANSI escapes removed (`--no-color`). */
  stripAnsi: z.boolean().optional(),
  /** Only lines whose text (as sent) matches this case-sensitive regular expression; `system` lines always pass. */
  grep: z.string().min(1).max(1000).optional(),
});
export type LogsSubscribeInput = z.infer<typeof LogsSubscribeInput>;

export const SubscriptionRef = z.object({ subscriptionId: z.string().min(1) });

export const LogsSubscribeOutput = SubscriptionRef.extend({
  /** The prefixes (service, or service-N when scaled) of the containers read from the start, sorted: for padding and colours. */
  labels: z.array(z.string()),
});
export type LogsSubscribeOutput = z.infer<typeof LogsSubscribeOutput>;

export const LogsSearchInput = z.object({
  projectId: z.string().min(1),
  query: z.string().min(1).max(1000),
  regex: z.boolean().default(false),
  caseSensitive: z.boolean().default(false),
  services: ServiceNames.optional(),
  /** At most this many matches, newest last (default 1000). */
  limit: z.number().int().min(1).max(100_000).optional(),
});
export type LogsSearchInput = z.infer<typeof LogsSearchInput>;

export const LogsSearchOutput = z.object({
  matches: z.array(LogLine),
  /** True when more lines matched than were returned. */
  truncated: z.boolean(),
});
export type LogsSearchOutput = z.infer<typeof LogsSearchOutput>;

export const LogBatch = z.object({
  subscriptionId: z.string(),
  /** 1, 2, 3, … per subscription; acknowledge with logs.ack. */
  batchId: z.number(),
  lines: z.array(LogLine),
});
export type LogBatch = z.infer<typeof LogBatch>;

export const logCalls = {
  /** Start a stream of log batches (history first, then live lines). */
  'logs.subscribe': defineCall({ input: LogsSubscribeInput, output: LogsSubscribeOutput }),
  /** The consumer has handled a batch; the core pauses when too many are unacknowledged. */
  'logs.ack': defineCall({ input: SubscriptionRef.extend({ batchId: z.number().int().min(0) }), output: Nothing }),
  'logs.unsubscribe': defineCall({ input: SubscriptionRef, output: Nothing }),
  /** Substring or regex search over the ring buffers. */
  'logs.search': defineCall({ input: LogsSearchInput, output: LogsSearchOutput }),
};

export const logEvents = {
  'logs.batch': LogBatch,
  /** A subscription that does not follow has sent its last batch and had every batch acknowledged: it is gone. */
  'logs.end': SubscriptionRef,
};
