import { describe, expect, it, vi } from 'vitest';
import { Coalescer, type Batch } from '../../../../electron/core/watch/coalescer';

describe('Coalescer', () => {
  it('releases one batch per key after the quiet window, with each path once', () => {
    vi.useFakeTimers();
    try {
      const batches: Batch[] = [];
      const c = new Coalescer({ quietMs: 50, burstFiles: 8, burstQuietMs: 200, maxWaitMs: 3000 }, (b) => batches.push(b));
      c.add('web', '/a');
      c.add('web', '/a');
      c.add('api', '/b');
      vi.advanceTimersByTime(49);
      expect(batches).toHaveLength(0);
      vi.advanceTimersByTime(1);
      expect(batches.map((b) => [b.key, b.paths])).toEqual([['web', ['/a']], ['api', ['/b']]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a key's own quiet window (a synced-only service) is used for that key alone", () => {
    vi.useFakeTimers();
    try {
      const batches: Batch[] = [];
      const c = new Coalescer({ quietMs: 20, burstFiles: 8, burstQuietMs: 200, maxWaitMs: 3000 }, (b) => batches.push(b), (key) => (key === 'web' ? 20 : 100));
      c.add('web', '/a');
      c.add('api', '/b');
      vi.advanceTimersByTime(20);
      expect(batches.map((b) => b.key)).toEqual(['web']);
      vi.advanceTimersByTime(79);
      expect(batches.map((b) => b.key)).toEqual(['web']);
      vi.advanceTimersByTime(1);
      expect(batches.map((b) => b.key)).toEqual(['web', 'api']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits longer once a batch looks like a burst, but never past maxWaitMs', () => {
    vi.useFakeTimers();
    try {
      const batches: Batch[] = [];
      const c = new Coalescer({ quietMs: 50, burstFiles: 8, burstQuietMs: 200, maxWaitMs: 1000 }, (b) => batches.push(b));
      for (let i = 0; i < 10; i++) c.add('web', `/f${i}`);
      vi.advanceTimersByTime(150);
      expect(batches).toHaveLength(0);
      vi.advanceTimersByTime(50);
      expect(batches[0]?.paths).toHaveLength(10);
      for (let i = 0; i < 30; i++) {
        c.add('web', `/g${i}`);
        vi.advanceTimersByTime(40);
      }
      expect(batches).toHaveLength(2);
      expect(batches[1]?.paths.length).toBeLessThan(30);
    } finally {
      vi.useRealTimers();
    }
  });
});
