import { describe, expect, it } from 'vitest';
import { LINE_SPLIT_MARKER, LogDemuxer, MAX_LINE_CHARS, STDOUT } from '../../../../electron/core/logs/log-demux';

/** Bounded memory: a log line is kept whole up to 4 MiB; a longer one comes out in marked pieces. */
function demux(chunks: Buffer[]) {
  const lines: string[] = [];
  const demuxer = new LogDemuxer(true, (stream, line) => {
    expect(stream).toBe(STDOUT);
    lines.push(line);
  });
  for (const chunk of chunks) demuxer.push(chunk);
  demuxer.end();
  return { lines };
}

const MiB = 1024 * 1024;

describe('long log lines', () => {
  it('keeps a line of exactly 4 MiB whole, in chunks or in one piece', () => {
    const line = 'a'.repeat(MAX_LINE_CHARS);
    expect(demux([Buffer.from(`${line}\n`)]).lines).toEqual([line]);
    const chunks = Array.from({ length: 4 }, () => Buffer.from('a'.repeat(MiB)));
    expect(demux([...chunks, Buffer.from('\nnext\n')]).lines).toEqual([line, 'next']);
  });

  it('lets a line that never ends out in marked pieces as it grows', () => {
    const run = { lines: new Array<string>() };
    const demuxer = new LogDemuxer(true, (_s, l) => run.lines.push(l));
    for (let i = 0; i < 9; i++) demuxer.push(Buffer.from('b'.repeat(MiB)));
    // 9 MiB without a newline: two full pieces are out already, 1 MiB is held.
    expect(run.lines.map((l) => l.length)).toEqual([MAX_LINE_CHARS + LINE_SPLIT_MARKER.length, MAX_LINE_CHARS + LINE_SPLIT_MARKER.length]);
    expect(run.lines.every((l) => l.endsWith(LINE_SPLIT_MARKER))).toBe(true);
    demuxer.push(Buffer.from('c\n'));
    expect(run.lines.at(-1)).toBe(`${'b'.repeat(MiB)}c`);
    expect(run.lines.join('').replaceAll(LINE_SPLIT_MARKER, '')).toBe(`${'b'.repeat(9 * MiB)}c`);
  });

  it('splits a long line that arrives whole, and never between the halves of a surrogate pair', () => {
    const emoji = '\u{1F600}';
    const line = `${'x'.repeat(MAX_LINE_CHARS - 1)}${emoji}tail`;
    const { lines } = demux([Buffer.from(`${line}\n`)]);
    expect(lines).toEqual([`${'x'.repeat(MAX_LINE_CHARS - 1)}${LINE_SPLIT_MARKER}`, `${emoji}tail`]);
  });
});
