import { describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../../../shared/contract/logs';
import { LineQueue } from '../../../../electron/core/logs/line-queue';
import { filteredSource, lineFilter } from '../../../../electron/core/logs/line-filter';

const lines = (n: number, from = 0): LogLine[] => [...Array(n).keys()].map((i) => ({ service: 'web', stream: 'stdout', text: `l${from + i}`, ts: from + i }));

describe('LineQueue (one subscriber’s engine read, bounded)', () => {
  it('keeps every line in order and makes the reader wait at the high-water mark until lines are taken', async () => {
    const onLines = vi.fn();
    const queue = new LineQueue(10, onLines);
    expect(queue.push(lines(6))).toBeUndefined();
    const waiting = queue.push(lines(6, 6));
    expect(waiting).toBeInstanceOf(Promise);
    expect(onLines).toHaveBeenCalledTimes(2);
    let released = false;
    void waiting?.then(() => (released = true));
    expect(queue.read(2).map((l) => l.text)).toEqual(['l0', 'l1']);
    await Promise.resolve();
    expect(released).toBe(false);
    expect(queue.read(3).map((l) => l.text)).toEqual(['l2', 'l3', 'l4']);
    await Promise.resolve();
    expect(released).toBe(true);
    expect(queue.read(100).map((l) => l.text)).toEqual([...Array(7).keys()].map((i) => `l${i + 5}`));
    expect(queue.pending()).toBe(false);
  });

  it('lets waiting readers go when closed', async () => {
    const queue = new LineQueue(1, () => undefined);
    const waiting = queue.push(lines(2));
    queue.close();
    await expect(waiting).resolves.toBeUndefined();
    expect(queue.pending()).toBe(false);
  });
});

describe('lineFilter (--grep and --no-color in the core)', () => {
  const sample: LogLine[] = [
    { service: 'web', stream: 'stdout', text: '\u001b[32mGET /health\u001b[0m', ts: 1 },
    { service: 'web', stream: 'stderr', text: 'error: boom', ts: 2 },
    { service: 'web', stream: 'system', text: '── web restarted ──', ts: 3 },
  ];

  it('keeps everything as it is when asked for nothing', () => {
    expect(lineFilter({})).toBeUndefined();
  });

  it('matches the text as sent: stripped with --no-color, raw otherwise; marker lines always pass', () => {
    const anchored = lineFilter({ grep: '^GET', stripAnsi: true });
    expect(anchored?.(sample).map((l) => l.text)).toEqual(['GET /health', '── web restarted ──']);
    expect(lineFilter({ grep: '^GET' })?.(sample).map((l) => l.text)).toEqual(['── web restarted ──']);
    expect(lineFilter({ grep: 'Error' })?.(sample)).toHaveLength(1);
    expect(lineFilter({ stripAnsi: true })?.(sample).map((l) => l.text)).toEqual(['GET /health', 'error: boom', '── web restarted ──']);
  });

  it('refuses a bad pattern with a clear error', () => {
    expect(() => lineFilter({ grep: '(' })).toThrow(/Invalid regular expression/);
  });

  it('reads on through a source while everything read is dropped', () => {
    const queue = new LineQueue(1000, () => undefined);
    void queue.push([...lines(5), { service: 'web', stream: 'stdout', text: 'keep me', ts: 9 }]);
    const source = filteredSource(queue, (ls) => ls.filter((l) => l.text === 'keep me'));
    expect(source.read(2).map((l) => l.text)).toEqual(['keep me']);
    expect(source.pending()).toBe(false);
  });
});
