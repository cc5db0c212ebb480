import { describe, expect, it } from 'vitest';
import { LogDemuxer, STDERR, STDOUT } from '../../../../electron/core/logs/log-demux';
import { parseDockerTimestamp, dockerSinceFromTimestamp } from '../../../../electron/core/logs/timestamps';
import { formatDockerTimestamp } from '../../../../shared/docker-timestamp';

function frame(stream: number, text: string | Buffer): Buffer {
  const payload = typeof text === 'string' ? Buffer.from(text) : text;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function collect(tty: boolean, chunks: Buffer[]): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const demuxer = new LogDemuxer(tty, (stream, line) => out.push([stream, line]));
  for (const chunk of chunks) demuxer.push(chunk);
  demuxer.end();
  return out;
}

describe('LogDemuxer', () => {
  it('splits frames into stdout and stderr lines', () => {
    const data = Buffer.concat([frame(1, 'one\n'), frame(2, 'oops\n'), frame(1, 'two\nthree\n')]);
    expect(collect(false, [data])).toEqual([[STDOUT, 'one'], [STDERR, 'oops'], [STDOUT, 'two'], [STDOUT, 'three']]);
  });

  it('reads headers and payloads cut at every byte', () => {
    const data = Buffer.concat([frame(1, 'alpha\n'), frame(2, 'beta\n'), frame(1, 'gamma')]);
    const bytes = [...data].map((b) => Buffer.from([b]));
    expect(collect(false, bytes)).toEqual([[STDOUT, 'alpha'], [STDERR, 'beta'], [STDOUT, 'gamma']]);
  });

  it('keeps a UTF-8 character cut between frames whole', () => {
    const euro = Buffer.from('price: 5€\n');
    const cut = euro.length - 2;
    const data = Buffer.concat([frame(1, euro.subarray(0, cut)), frame(1, euro.subarray(cut))]);
    expect(collect(false, [data])).toEqual([[STDOUT, 'price: 5€']]);
  });

  it('joins a line split over several frames of one stream while the other stream interleaves', () => {
    const data = Buffer.concat([frame(1, 'hel'), frame(2, 'err\n'), frame(1, 'lo\n')]);
    expect(collect(false, [data])).toEqual([[STDERR, 'err'], [STDOUT, 'hello']]);
  });

  it('passes TTY output through raw, dropping the \\r of \\r\\n', () => {
    expect(collect(true, [Buffer.from('a\r\nb'), Buffer.from('c\r\n')])).toEqual([[STDOUT, 'a'], [STDOUT, 'bc']]);
  });
});

describe('Docker timestamps', () => {
  it('parses to epoch ms with a microsecond fraction', () => {
    const ms = parseDockerTimestamp('2024-05-01T12:34:56.123456789Z');
    expect(ms).toBeCloseTo(Date.UTC(2024, 4, 1, 12, 34, 56) + 123.456, 3);
    expect(parseDockerTimestamp('not a time at all')).toBeNaN();
  });

  it('formats back and converts to the engine\'s since', () => {
    const ms = parseDockerTimestamp('2024-05-01T12:34:56.123456789Z');
    expect(formatDockerTimestamp(ms)).toBe('2024-05-01T12:34:56.123456000Z');
    expect(dockerSinceFromTimestamp('2024-05-01T12:34:56.123456789Z')).toBe(`${Date.UTC(2024, 4, 1, 12, 34, 56) / 1000}.123456789`);
  });
});
