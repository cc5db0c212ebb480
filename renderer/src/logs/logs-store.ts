import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SlipwayClient } from '../../../shared/client';
import type { LogBatch } from '../../../shared/contract/logs';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { LogBuffer } from './log-buffer';

export interface LogsState {
  buffer: LogBuffer;
  /** Bumped at most once per frame when lines arrive. */
  version: number;
  projectId?: string;
  subscriptionId?: string;
  status: 'idle' | 'loading' | 'live' | 'error';
  error?: ErrorInfo;
  follow: boolean;
  /** When paused: the end of the buffer at that moment (the view holds there). */
  pausedAt?: number;
  timestamps: boolean;
  wrap: boolean;
  query: string;
  regex: boolean;
  /** Which match is current (index into the match list). */
  matchIndex: number;
  setFollow(follow: boolean): void;
  toggleTimestamps(): void;
  toggleWrap(): void;
  setQuery(query: string): void;
  setRegex(regex: boolean): void;
  setMatchIndex(index: number): void;
}

export type LogsStore = StoreApi<LogsState> & { start(projectId: string): Promise<void>; stop(): Promise<void> };

type Frame = (callback: () => void) => void;

const defaultFrame: Frame = (cb) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => cb()) : setTimeout(cb, 16));

/**
 * Logs of the open project: one subscription, lines into a bounded ring, the view told
 * once per frame. A batch is acknowledged only after the frame that shows it, so a page
 * that cannot keep up stops acknowledging and the core pauses the stream (flow control).
 */
export function createLogsStore(client: SlipwayClient, options: { capacity?: number; frame?: Frame; minFlushMs?: number } = {}): LogsStore {
  const frame = options.frame ?? defaultFrame;
  const minFlushMs = options.minFlushMs ?? 50;
  const store = createStore<LogsState>()((set) => ({
    buffer: new LogBuffer(options.capacity),
    version: 0,
    status: 'idle',
    follow: true,
    timestamps: false,
    wrap: false,
    query: '',
    regex: false,
    matchIndex: 0,
    setFollow: (follow) => set((s) => (follow === s.follow ? {} : { follow, pausedAt: follow ? undefined : s.buffer.end })),
    toggleTimestamps: () => set((s) => ({ timestamps: !s.timestamps })),
    toggleWrap: () => set((s) => ({ wrap: !s.wrap })),
    setQuery: (query) => set({ query, matchIndex: 0 }),
    setRegex: (regex) => set({ regex, matchIndex: 0 }),
    setMatchIndex: (matchIndex) => set({ matchIndex }),
  }));

  let frameScheduled = false;
  let lastFlush = 0;
  let ackUpTo = 0;
  const early = new Map<string, LogBatch[]>();

  const flushFrame = () => {
    // Under a flood, repaint the list at most ~30 times a second: the page keeps
    // frames for scrolling and typing, and the lines wait in the ring meanwhile.
    const now = typeof performance === 'object' ? performance.now() : Date.now();
    if (now - lastFlush < minFlushMs) {
      frame(flushFrame);
      return;
    }
    lastFlush = now;
    frameScheduled = false;
    const { subscriptionId } = store.getState();
    store.setState((s) => ({ version: s.version + 1 }));
    // A lost ack is repaired by the next one; a gone subscription by the next start().
    if (subscriptionId && ackUpTo > 0) client.call('logs.ack', { subscriptionId, batchId: ackUpTo }).catch(() => undefined);
  };

  const accept = (batch: LogBatch) => {
    store.getState().buffer.push(batch.lines);
    ackUpTo = Math.max(ackUpTo, batch.batchId);
    if (!frameScheduled) {
      frameScheduled = true;
      frame(flushFrame);
    }
  };

  client.on('logs.batch', (batch) => {
    const { subscriptionId } = store.getState();
    if (batch.subscriptionId === subscriptionId) accept(batch);
    else if (store.getState().status === 'loading' && early.size < 8) early.set(batch.subscriptionId, [...(early.get(batch.subscriptionId) ?? []), batch]);
  });

  const stop = async () => {
    const { subscriptionId } = store.getState();
    store.setState({ subscriptionId: undefined, projectId: undefined, status: 'idle' });
    if (subscriptionId) await client.call('logs.unsubscribe', { subscriptionId }).catch(() => undefined);
  };

  const start = async (projectId: string) => {
    await stop();
    store.getState().buffer.clear();
    ackUpTo = 0;
    early.clear();
    store.setState((s) => ({ projectId, status: 'loading', error: undefined, follow: true, version: s.version + 1 }));
    let subscriptionId: string;
    try {
      ({ subscriptionId } = await client.call('logs.subscribe', { projectId, tail: 2000 }));
    } catch (error) {
      if (store.getState().projectId === projectId) store.setState({ status: 'error', error: toErrorInfo(error) });
      return;
    }
    if (store.getState().projectId !== projectId) {
      client.call('logs.unsubscribe', { subscriptionId }).catch(() => undefined);
      return;
    }
    store.setState({ subscriptionId, status: 'live' });
    for (const batch of early.get(subscriptionId) ?? []) accept(batch);
    early.clear();
  };

  return Object.assign(store, { start, stop });
}
