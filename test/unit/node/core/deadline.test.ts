import { describe, expect, it, vi } from 'vitest';
import { untilAborted, withDeadline } from '../../../../electron/core/deadline';

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

describe('untilAborted', () => {
  it('rejects with the signal’s reason as soon as it aborts, though the work goes on', async () => {
    const controller = new AbortController();
    let finish!: (value: string) => void;
    const work = new Promise<string>((resolve) => (finish = resolve));
    const waiting = untilAborted(work, controller.signal);
    controller.abort(new Error('up cancelled'));
    await expect(waiting).rejects.toThrow('up cancelled');
    finish('done later');
    expect(await work).toBe('done later');
  });

  it('is the work’s own result without an abort, or without a signal; rejects at once when already aborted', async () => {
    const controller = new AbortController();
    expect(await untilAborted(Promise.resolve(1), controller.signal)).toBe(1);
    await expect(untilAborted(Promise.reject(new Error('refused')), controller.signal)).rejects.toThrow('refused');
    expect(await untilAborted(Promise.resolve(2), undefined)).toBe(2);
    controller.abort();
    await expect(untilAborted(new Promise(() => undefined), controller.signal)).rejects.toBeInstanceOf(Error);
  });
});
