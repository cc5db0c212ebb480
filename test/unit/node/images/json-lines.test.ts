import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JSON_LINE_SPLIT_MARKER, jsonLines, MAX_JSON_LINE_CHARS } from '../../../../electron/core/images/json-lines';

async function all(chunks: string[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const value of jsonLines(Readable.from(chunks.map((c) => Buffer.from(c))))) out.push(value);
  return out;
}

describe('jsonLines', () => {
  it('yields objects split anywhere, and text that is not JSON as {stream}', async () => {
    expect(await all(['{"a":', '1}\n{"b"', ':2}\nplain\n', '{"c":3}'])).toEqual([{ a: 1 }, { b: 2 }, { stream: 'plain' }, { c: 3 }]);
  });

  it('passes on a line that never ends in bounded pieces instead of keeping it', async () => {
    const MiB = 1024 * 1024;
    const chunks = Array.from({ length: 9 }, () => 'z'.repeat(MiB));
    const out = await all([...chunks, '\n{"after":true}\n']);
    const pieces = out.slice(0, -1).map((o) => String(o.stream));
    expect(pieces.map((p) => p.length)).toEqual([MAX_JSON_LINE_CHARS + JSON_LINE_SPLIT_MARKER.length, MAX_JSON_LINE_CHARS + JSON_LINE_SPLIT_MARKER.length, MiB]);
    expect(pieces.join('').replaceAll(JSON_LINE_SPLIT_MARKER, '')).toBe('z'.repeat(9 * MiB));
    expect(out.at(-1)).toEqual({ after: true });
  });
});
