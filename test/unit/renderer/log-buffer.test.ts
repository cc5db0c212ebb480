import { describe, expect, it } from 'vitest';
import { IncrementalIndex } from '../../../renderer/src/logs/incremental-index';
import { LogBuffer } from '../../../renderer/src/logs/log-buffer';
import { makeMatcher } from '../../../renderer/src/logs/log-search';
import { ansiChunks } from '../../../renderer/src/logs/ansi';
import { stripAnsi } from '../../../shared/ansi';
import { serviceColorSlot } from '../../../renderer/src/logs/service-colors';

const line = (service: string, text: string, ts = 0) => ({ service, text, ts, stream: 'stdout' as const });

describe('the renderer log buffer', () => {
  it('keeps only the last `capacity` lines, addressed by growing sequence numbers', () => {
    const buffer = new LogBuffer(3);
    buffer.push([line('a', '1'), line('a', '2'), line('b', '3'), line('a', '4')]);
    expect(buffer.start).toBe(1);
    expect(buffer.end).toBe(4);
    expect(buffer.size).toBe(3);
    expect(buffer.at(0)).toBeUndefined();
    expect(buffer.at(3)?.text).toBe('4');
  });

  it('indexes matching lines incrementally as lines arrive and fall off', () => {
    const buffer = new LogBuffer(4);
    const index = new IncrementalIndex((l) => l.service === 'a');
    buffer.push([line('a', '1'), line('b', '2')]);
    expect(index.update(buffer)).toEqual([0]);
    buffer.push([line('a', '3'), line('a', '4'), line('b', '5')]);
    expect(index.update(buffer)).toEqual([2, 3]);
    buffer.clear();
    expect(index.update(buffer)).toEqual([]);
  });

  it('searches plain text case-insensitively, or by regex, ignoring ANSI codes', () => {
    const plain = makeMatcher({ text: 'ERROR', regex: false });
    expect(plain?.ok && plain.test('an \u001b[31merror\u001b[0m here')).toBe(true);
    const re = makeMatcher({ text: 'tick \\d+$', regex: true });
    expect(re?.ok && re.test('db: tick 12')).toBe(true);
    expect(re?.ok && re.test('db: tick x')).toBe(false);
    const bad = makeMatcher({ text: '(', regex: true });
    expect(bad?.ok).toBe(false);
    expect(bad && !bad.ok && bad.error).toMatch(/Invalid regular expression/);
    expect(makeMatcher({ text: '', regex: false })).toBeUndefined();
  });

  it('turns ANSI colours into classes with anser', () => {
    expect(stripAnsi('\u001b[1;32mok\u001b[0m done')).toBe('ok done');
    const chunks = ansiChunks('\u001b[31mred\u001b[0m plain');
    expect(chunks[0]).toEqual({ text: 'red', className: 'ansi-red-fg' });
    expect(chunks.at(-1)?.text).toBe(' plain');
  });

  it('gives services distinct colour slots in project order', () => {
    const services = ['db', 'web', 'worker'];
    expect(new Set(services.map((s) => serviceColorSlot(s, services))).size).toBe(3);
    expect(services.map((s) => serviceColorSlot(s, services))).toEqual([0, 1, 2]);
    // A service outside the list gets a hash slot: the same whatever the list, and in range.
    const slot = serviceColorSlot('other', services);
    expect(serviceColorSlot('other', ['a', 'b'])).toBe(slot);
    expect(slot).toBeGreaterThanOrEqual(0);
    expect(slot).toBeLessThan(10);
    expect(new Set(['api', 'cache', 'queue', 'search', 'mail'].map((s) => serviceColorSlot(s, []))).size).toBeGreaterThan(1);
  });
});
