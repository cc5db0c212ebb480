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
});
export type LogsSubscribeInput = z.infer<typeof LogsSubscribeInput>;

export const SubscriptionRef = z.object({ subscriptionId: z.string().min(1) });

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
  'logs.subscribe': defineCall({ input: LogsSubscribeInput, output: SubscriptionRef }),
  /** The consumer has handled a batch; the core pauses when too many are unacknowledged. */
  'logs.ack': defineCall({ input: SubscriptionRef.extend({ batchId: z.number().int().min(0) }), output: Nothing }),
  'logs.unsubscribe': defineCall({ input: SubscriptionRef, output: Nothing }),
  /** Substring or regex search over the ring buffers. */
  'logs.search': defineCall({ input: LogsSearchInput, output: LogsSearchOutput }),
};

export const logEvents = {
  'logs.batch': LogBatch,
};
