import { describe, expect, it, vi } from 'vitest';
import { withDeadline } from '../../../../electron/core/deadline';

describe('withDeadline', () => {
  it('aborts with a TimeoutError when the time is up', async () => {
    const { signal } = withDeadline(undefined, 20);
    await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
    expect(signal?.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('aborts with the outer signal’s reason, at once when it already is', () => {
    const outer = new AbortController();
    const { signal, dispose } = withDeadline(outer.signal, 60_000);
    outer.abort(new Error('cancelled by the user'));
    expect(signal?.reason).toMatchObject({ message: 'cancelled by the user' });
    dispose();
    expect(withDeadline(outer.signal, 60_000).signal?.aborted).toBe(true);
  });

  it('without a time it is the outer signal itself; dispose stops the timer', () => {
    const outer = new AbortController();
    expect(withDeadline(outer.signal, undefined).signal).toBe(outer.signal);
    vi.useFakeTimers();
    try {
      const { signal, dispose } = withDeadline(undefined, 10);
      dispose();
      vi.advanceTimersByTime(1000);
      expect(signal?.aborted).toBe(false);
      const kept = withDeadline(undefined, 10);
      vi.advanceTimersByTime(1000);
      expect(kept.signal?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
