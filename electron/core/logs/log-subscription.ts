import type { LogLine } from '../../../shared/contract/logs';

export interface FlowOptions {
  /** Longest wait before pending lines are sent (ms). */
  flushMs: number;
  /** Most lines in one batch; a full batch is sent at once. */
  maxLines: number;
  /** Batches sent but not acknowledged before the subscription pauses. */
  maxUnacked: number;
}

export const DEFAULT_FLOW: FlowOptions = { flushMs: 25, maxLines: 5000, maxUnacked: 4 };

/** Where a subscription's lines come from: reads up to `max` lines past its cursor. */
export interface LineSource {
  read(max: number): LogLine[];
  /** Whether more lines are waiting. */
  pending(): boolean;
}

export interface Batch {
  batchId: number;
  lines: LogLine[];
}

/**
 * Lines leave the core in batches: every `flushMs` or at `maxLines`, whichever comes
 * first. With `maxUnacked` batches unacknowledged it stops sending until the consumer
 * acks; the lines wait in the source (a bounded ring), not here.
 */
export class LogSubscription {
  private nextBatch = 1;
  private acked = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private closed = false;
  private onEnd: (() => void) | undefined;

  constructor(
    readonly id: string,
    private readonly source: LineSource,
    private readonly send: (batch: Batch) => void,
    private readonly flow: FlowOptions = DEFAULT_FLOW,
  ) {}

  get unacked(): number {
    return this.nextBatch - 1 - this.acked;
  }

  get paused(): boolean {
    return this.unacked >= this.flow.maxUnacked;
  }

  /** New lines may be waiting: send soon. */
  notify(): void {
    if (this.closed || this.paused || this.timer || this.immediate) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.flow.flushMs);
  }

  /** The consumer handled batches up to and including `batchId`. */
  ack(batchId: number): void {
    if (batchId > this.acked && batchId < this.nextBatch) this.acked = batchId;
    if (!this.paused && this.source.pending()) this.flushSoon();
    this.endIfDone();
  }

  /**
   * No more lines will come into the source: once every line has been sent and every batch
   * acknowledged, the subscription closes and `onEnd` is called (once).
   */
  finish(onEnd: () => void): void {
    if (this.closed) return;
    this.onEnd = onEnd;
    this.notify();
    this.endIfDone();
  }

  private endIfDone(): void {
    const onEnd = this.onEnd;
    if (!onEnd || this.closed || this.unacked > 0 || this.source.pending()) return;
    this.onEnd = undefined;
    this.close();
    onEnd();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private flushSoon(): void {
    if (this.closed || this.immediate) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.flush();
    });
  }

  private flush(): void {
    if (this.closed || this.paused) return;
    const lines = this.source.read(this.flow.maxLines);
    if (lines.length === 0) {
      this.endIfDone();
      return;
    }
    this.send({ batchId: this.nextBatch++, lines });
    if (this.source.pending()) {
      // A full window: send the rest at once while the consumer keeps up, else wait for acks.
      if (lines.length >= this.flow.maxLines) this.flushSoon();
      else this.notify();
    }
  }
}
