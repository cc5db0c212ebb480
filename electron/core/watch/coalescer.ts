export interface CoalescerOptions {
  /** Quiet time after the last event before a batch is released (ms). */
  quietMs: number;
  /** Once a batch holds more than `burstFiles` paths, the quiet time becomes `burstQuietMs`. */
  burstFiles: number;
  burstQuietMs: number;
  /** A batch is released at the latest this long after its first event, even if events keep coming. */
  maxWaitMs: number;
}

export const DEFAULT_COALESCER: CoalescerOptions = { quietMs: 50, burstFiles: 8, burstQuietMs: 200, maxWaitMs: 10_000 };

export interface Batch {
  key: string;
  /** Paths, each once, in arrival order. */
  paths: string[];
  /** Epoch ms of the first event of the batch. */
  firstEventAt: number;
  /** performance.now() of the first event of the batch (for latency). */
  firstEventMark: number;
}

interface Pending {
  paths: Set<string>;
  firstEventAt: number;
  firstEventMark: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Coalesces file events per key (a service) into batches: a batch is released after a
 * short quiet window, a longer one once it looks like a burst (a checkout, a generator),
 * so a single save reloads fast and 500 files reload once.
 */
export class Coalescer {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly options: CoalescerOptions,
    private readonly release: (batch: Batch) => void,
    /** A key's own quiet time, when it differs from `quietMs`. */
    private readonly quietMsOf: (key: string) => number = () => options.quietMs,
  ) {}

  add(key: string, filePath: string, at = Date.now(), mark = performance.now()): void {
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { paths: new Set(), firstEventAt: at, firstEventMark: mark, timer: undefined };
      this.pending.set(key, entry);
    }
    entry.paths.add(filePath);
    if (entry.timer) clearTimeout(entry.timer);
    const quiet = entry.paths.size > this.options.burstFiles ? this.options.burstQuietMs : this.quietMsOf(key);
    const waited = performance.now() - entry.firstEventMark;
    const delay = Math.max(0, Math.min(quiet, this.options.maxWaitMs - waited));
    entry.timer = setTimeout(() => this.flush(key), delay);
  }

  flush(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.pending.delete(key);
    this.release({ key, paths: [...entry.paths], firstEventAt: entry.firstEventAt, firstEventMark: entry.firstEventMark });
  }

  clear(): void {
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
    this.pending.clear();
  }
}
