import type { LogBuffer, LogLine } from './log-buffer';

/**
 * The sequence numbers of lines that pass a test, kept up to date as lines arrive
 * and fall off the ring: each update scans only the new lines.
 */
export class IncrementalIndex {
  seqs: number[] = [];
  private scannedTo = 0;

  constructor(private readonly keep: (line: LogLine) => boolean) {}

  update(buffer: LogBuffer): number[] {
    if (this.scannedTo > buffer.end) {
      // The buffer was cleared.
      this.seqs = [];
      this.scannedTo = 0;
    }
    const start = buffer.start;
    if (this.seqs.length > 0 && (this.seqs[0] ?? 0) < start) {
      this.seqs = this.seqs.slice(lowerBound(this.seqs, start));
    }
    const added = buffer.select(this.keep, Math.max(this.scannedTo, start));
    if (added.length > 0) this.seqs = this.seqs.concat(added);
    this.scannedTo = buffer.end;
    return this.seqs;
  }
}

/** First index whose value is ≥ target, in a sorted array. */
export function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
