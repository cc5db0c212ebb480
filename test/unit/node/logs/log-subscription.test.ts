import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../../../shared/contract/logs';
import { LogSubscription, type Batch, type LineSource } from '../../../../electron/core/logs/log-subscription';
import { stripAnsi } from '../../../../shared/ansi';

function queueSource(): LineSource & { add(n: number): void } {
  const queue: LogLine[] = [];
  let next = 0;
  return {
    add(n: number) {
      for (let i = 0; i < n; i++) queue.push({ service: 'web', stream: 'stdout', text: `l${next++}`, ts: next });
    },
    pending: () => queue.length > 0,
    read: (max) => queue.splice(0, max),
  };
}

describe('LogSubscription (batching with flow control)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends lines after the flush window, in one batch', () => {
    vi.useFakeTimers();
    const source = queueSource();
    const batches: Batch[] = [];
    const sub = new LogSubscription('s', source, (b) => batches.push(b), { flushMs: 20, maxLines: 100, maxUnacked: 2 });
    source.add(10);
    sub.notify();
    sub.notify();
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(20);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.batchId).toBe(1);
    expect(batches[0]?.lines.map((l) => l.text)).toEqual([...Array(10).keys()].map((i) => `l${i}`));
  });

  it('splits at maxLines and pauses at maxUnacked until acknowledged', () => {
    vi.useFakeTimers();
    const source = queueSource();
    const batches: Batch[] = [];
    const sub = new LogSubscription('s', source, (b) => batches.push(b), { flushMs: 20, maxLines: 100, maxUnacked: 2 });
    source.add(1000);
    sub.notify();
    vi.advanceTimersByTime(20);
    vi.runAllTicks();
    vi.advanceTimersByTime(100);
    expect(batches.map((b) => b.lines.length)).toEqual([100, 100]);
    expect(sub.paused).toBe(true);
    sub.notify();
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(2);
    sub.ack(1);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(3);
    sub.ack(3);
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(5);
    for (let i = 0; i < 10; i++) {
      sub.ack(batches.length);
      vi.advanceTimersByTime(1000);
    }
    const all = batches.flatMap((b) => b.lines.map((l) => l.text));
    expect(all).toHaveLength(1000);
    expect(all[999]).toBe('l999');
    expect(batches.map((b) => b.batchId)).toEqual(batches.map((_, i) => i + 1));
  });

  it('sends nothing after close', () => {
    vi.useFakeTimers();
    const source = queueSource();
    const batches: Batch[] = [];
    const sub = new LogSubscription('s', source, (b) => batches.push(b), { flushMs: 20, maxLines: 100, maxUnacked: 2 });
    source.add(5);
    sub.notify();
    sub.close();
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(0);
  });
});

describe('stripAnsi', () => {
  it('removes colour and cursor sequences, keeps the text', () => {
    expect(stripAnsi('\u001b[31mred\u001b[0m and \u001b[1;32mbold green\u001b[m')).toBe('red and bold green');
    expect(stripAnsi('\u001b]0;title\u0007plain')).toBe('plain');
    expect(stripAnsi('no escapes')).toBe('no escapes');
  });
});

describe('LogSubscription.finish (a history that ends)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends only once every line is sent and every batch acknowledged', () => {
    vi.useFakeTimers();
    const source = queueSource();
    const batches: Batch[] = [];
    const onEnd = vi.fn();
    const sub = new LogSubscription('s', source, (b) => batches.push(b), { flushMs: 20, maxLines: 100, maxUnacked: 4 });
    source.add(150);
    sub.finish(onEnd);
    vi.runAllTimers();
    expect(batches.map((b) => b.lines.length)).toEqual([100, 50]);
    // Everything is sent, but not acknowledged yet.
    sub.notify();
    vi.runAllTimers();
    expect(onEnd).not.toHaveBeenCalled();
    sub.ack(1);
    expect(onEnd).not.toHaveBeenCalled();
    sub.ack(2);
    expect(onEnd).toHaveBeenCalledTimes(1);
    sub.ack(2);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('ends at once when nothing is left, and never after it was closed', () => {
    const empty = vi.fn();
    new LogSubscription('a', queueSource(), () => undefined).finish(empty);
    expect(empty).toHaveBeenCalledTimes(1);
    const closed = vi.fn();
    const sub = new LogSubscription('b', queueSource(), () => undefined);
    sub.close();
    sub.finish(closed);
    expect(closed).not.toHaveBeenCalled();
  });
});
