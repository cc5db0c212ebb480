import type { LogLine } from '../../../shared/contract/logs';

export type { LogLine };

/**
 * The renderer's bounded copy of a project's logs: a ring of the last `capacity`
 * lines. Lines are addressed by a sequence number that only grows, so a view can
 * keep its place while old lines fall off the front.
 */
export class LogBuffer {
  private readonly lines: (LogLine | undefined)[];
  private endSeq = 0;

  constructor(readonly capacity = 100_000) {
    this.lines = new Array<LogLine | undefined>(capacity);
  }

  /** First sequence number still held. */
  get start(): number {
    return Math.max(0, this.endSeq - this.capacity);
  }

  /** One past the last sequence number. */
  get end(): number {
    return this.endSeq;
  }

  get size(): number {
    return this.endSeq - this.start;
  }

  push(lines: readonly LogLine[]): void {
    for (const line of lines) {
      this.lines[this.endSeq % this.capacity] = line;
      this.endSeq++;
    }
  }

  at(seq: number): LogLine | undefined {
    if (seq < this.start || seq >= this.endSeq) return undefined;
    return this.lines[seq % this.capacity];
  }

  clear(): void {
    this.lines.fill(undefined);
    this.endSeq = 0;
  }

  /** Sequence numbers from `from` on whose line passes `keep`. */
  select(keep: (line: LogLine) => boolean, from = this.start): number[] {
    const out: number[] = [];
    for (let seq = Math.max(from, this.start); seq < this.endSeq; seq++) {
      const line = this.lines[seq % this.capacity];
      if (line && keep(line)) out.push(seq);
    }
    return out;
  }
}
