import type { LogLine } from '../../../shared/contract/logs';
import type { LineSource } from './log-subscription';

/**
 * Lines read from the engine for one subscriber, waiting to be batched. Bounded: once
 * `highWater` lines wait, `push` answers with a promise that resolves when the subscriber
 * has taken enough of them — the readers feeding it pause until then (see LogFollower's
 * sink), so a slow consumer slows the reads instead of piling up memory.
 */
export class LineQueue implements LineSource {
  private lines: LogLine[] = [];
  private head = 0;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly highWater: number,
    /** Called when lines arrive (the subscription sends soon). */
    private readonly onLines: () => void,
  ) {}

  get size(): number {
    return this.lines.length - this.head;
  }

  /** The readers' sink. */
  readonly push = (lines: LogLine[]): void | Promise<void> => {
    if (lines.length === 0) return;
    if (this.size === 0) {
      this.lines = lines.slice();
      this.head = 0;
    } else {
      for (const line of lines) this.lines.push(line);
    }
    this.onLines();
    if (this.size < this.highWater) return;
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  };

  pending(): boolean {
    return this.size > 0;
  }

  read(max: number): LogLine[] {
    const n = Math.min(max, this.size);
    const out = this.lines.slice(this.head, this.head + n);
    this.head += n;
    if (this.head === this.lines.length) {
      this.lines = [];
      this.head = 0;
    } else if (this.head > 65_536) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    if (this.size < this.highWater) this.release();
    return out;
  }

  /** Nobody reads any more: let waiting readers go (they are being stopped). */
  close(): void {
    this.lines = [];
    this.head = 0;
    this.release();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
