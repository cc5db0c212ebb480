import { describe, expect, it } from 'vitest';
import type { WatchReload } from '../../../../shared/contract/watch';
import { describeReload, formatLatency } from '../../../../shared/watch-format';

const base: WatchReload = { projectId: 'p', service: 'web', action: 'sync', files: ['a', 'b'], fileCount: 2, latencyMs: 38.4, ok: true, at: 0 };

describe('describeReload', () => {
  it('says what each action did, in a few words', () => {
    expect(describeReload(base)).toBe('synced 2 files in 38 ms');
    expect(describeReload({ ...base, action: 'sync+restart', fileCount: 1, latencyMs: 212 })).toBe('synced 1 file, restarted in 212 ms');
    expect(describeReload({ ...base, action: 'sync+restart', bindMounted: true, fileCount: 1, latencyMs: 212 })).toBe('1 file changed (bind mount), restarted in 212 ms');
    expect(describeReload({ ...base, action: 'restart', latencyMs: 142 })).toBe('restarted (2 files changed) in 142 ms');
    expect(describeReload({ ...base, action: 'sync+exec' })).toBe('synced 2 files, ran the reload command in 38 ms');
    expect(describeReload({ ...base, action: 'rebuild', latencyMs: 4200 })).toBe('rebuilt and recreated (2 files changed) in 4.2 s');
    expect(describeReload({ ...base, action: 'initial_sync', fileCount: 120 })).toBe('initial sync of 120 files in 38 ms');
  });

  it('puts the error first when a reload failed', () => {
    expect(describeReload({ ...base, ok: false, error: { message: 'The sync target /app is not writable' } })).toBe('sync failed after 38 ms: The sync target /app is not writable');
  });

  it('formats latencies', () => {
    expect(formatLatency(0.4)).toBe('0 ms');
    expect(formatLatency(999)).toBe('999 ms');
    expect(formatLatency(1500)).toBe('1.5 s');
  });
});
