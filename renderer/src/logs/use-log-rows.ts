import { useMemo } from 'react';
import { useLogs } from '../app-context';
import { IncrementalIndex, lowerBound } from './incremental-index';
import type { LogBuffer } from './log-buffer';
import { makeMatcher } from './log-search';
import { isLineOf } from './line-service';

export interface LogRows {
  count: number;
  /** The sequence number shown at row `index`. */
  seqAt(index: number): number;
  /** The row showing `seq` (or the nearest after it). */
  rowOf(seq: number): number;
  /** Matching sequence numbers, oldest first. */
  matches: number[];
  matchSet: Set<number>;
  searchError?: string;
}

/**
 * What the log list shows: every line, or one service's (all its replicas'); plus the lines matching the
 * search. Recomputed per frame from only the new lines.
 */
export function useLogRows(buffer: LogBuffer, service: string | undefined): LogRows {
  const version = useLogs((s) => s.version);
  const query = useLogs((s) => s.query);
  const regex = useLogs((s) => s.regex);
  const serviceIndex = useMemo(() => (service ? new IncrementalIndex((line) => isLineOf(line.service, service)) : undefined), [service]);
  const matcher = useMemo(() => makeMatcher({ text: query, regex }), [query, regex]);
  const matchIndex = useMemo(
    () => (matcher?.ok ? new IncrementalIndex((line) => (service === undefined || isLineOf(line.service, service)) && matcher.test(line.text)) : undefined),
    [matcher, service],
  );
  return useMemo(() => {
    void version;
    const matches = matchIndex ? matchIndex.update(buffer) : [];
    const matchSet = new Set(matches);
    const searchError = matcher && !matcher.ok ? matcher.error : undefined;
    if (!serviceIndex) {
      const start = buffer.start;
      return { count: buffer.size, seqAt: (i) => start + i, rowOf: (seq) => Math.max(0, seq - start), matches, matchSet, ...(searchError ? { searchError } : {}) };
    }
    const seqs = serviceIndex.update(buffer);
    return { count: seqs.length, seqAt: (i) => seqs[i] ?? 0, rowOf: (seq) => lowerBound(seqs, seq), matches, matchSet, ...(searchError ? { searchError } : {}) };
  }, [version, buffer, serviceIndex, matchIndex, matcher]);
}
