import type { LogLine } from '../../../shared/contract/logs';
import type { ContainerLogReader } from './container-log-reader';

export type LineSink = (lines: LogLine[]) => void | Promise<void>;

interface Source {
  reader: ContainerLogReader;
  queue: LogLine[];
  head: number;
  ended: boolean;
  paused: boolean;
}

const HIGH_WATER = 50_000;
const LOW_WATER = 10_000;
const BATCH = 8192;

/**
 * Merges finite log streams into one ordered by time, without holding them whole: a
 * line leaves only when every unfinished stream has a line queued to compare it with,
 * and a stream that runs ahead is paused. Ties keep the order the sources were added.
 */
export class LogMerger {
  private readonly sources: Source[] = [];
  private draining = false;
  private again = false;
  private closed = false;
  private readonly finished: Promise<void>;
  private resolveFinished!: () => void;

  constructor(private readonly sink: LineSink) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /** The callback a reader hands its lines to. */
  readonly accept = (reader: ContainerLogReader, lines: LogLine[]): void => {
    const source = this.sources.find((s) => s.reader === reader);
    if (!source) return;
    if (source.head === source.queue.length) {
      source.queue = lines;
      source.head = 0;
    } else {
      for (const line of lines) source.queue.push(line);
    }
    if (!source.paused && source.queue.length - source.head > HIGH_WATER) {
      source.paused = true;
      reader.pause();
    }
    void this.drain();
  };

  add(reader: ContainerLogReader): void {
    const source: Source = { reader, queue: [], head: 0, ended: false, paused: false };
    this.sources.push(source);
    void reader.done.then(() => {
      source.ended = true;
      void this.drain();
    });
  }

  /** Resolves when every source has ended and every line has been handed to the sink. */
  close(): Promise<void> {
    this.closed = true;
    void this.drain();
    return this.finished;
  }

  private async drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.again = false;
        for (;;) {
          const out = this.take();
          if (out.length > 0) await this.sink(out);
          this.resumeDrained();
          if (out.length < BATCH) break;
        }
      } while (this.again);
      if (this.closed && this.sources.every((s) => s.ended && s.head === s.queue.length)) this.resolveFinished();
    } finally {
      this.draining = false;
    }
  }

  private take(): LogLine[] {
    const out: LogLine[] = [];
    const sources = this.sources;
    const only = sources.length === 1 ? sources[0] : undefined;
    if (only) {
      const n = Math.min(BATCH, only.queue.length - only.head);
      out.push(...only.queue.slice(only.head, only.head + n));
      only.head += n;
      this.compact(only);
      return out;
    }
    while (out.length < BATCH) {
      let best: Source | undefined;
      let bestLine: LogLine | undefined;
      for (const source of sources) {
        const line = source.queue[source.head];
        if (line === undefined) {
          if (!source.ended) return this.finishTake(out);
          continue;
        }
        if (bestLine === undefined || line.ts < bestLine.ts) {
          bestLine = line;
          best = source;
        }
      }
      if (!best || !bestLine) break;
      best.head++;
      out.push(bestLine);
    }
    return this.finishTake(out);
  }

  private finishTake(out: LogLine[]): LogLine[] {
    for (const source of this.sources) this.compact(source);
    return out;
  }

  private compact(source: Source): void {
    if (source.head === source.queue.length) {
      source.queue = [];
      source.head = 0;
    } else if (source.head > 65_536) {
      source.queue = source.queue.slice(source.head);
      source.head = 0;
    }
  }

  private resumeDrained(): void {
    for (const source of this.sources) {
      if (source.paused && source.queue.length - source.head < LOW_WATER) {
        source.paused = false;
        source.reader.resume();
      }
    }
  }
}
