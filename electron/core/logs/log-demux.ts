import { StringDecoder } from 'node:string_decoder';
import type { LogStreamName } from '../../../shared/contract/logs';

/** Stream codes as Docker frames them (1 stdout, 2 stderr); 3 is ours, for marker lines. */
export const STDOUT = 1;
export const STDERR = 2;
export const SYSTEM = 3;
export type StreamCode = typeof STDOUT | typeof STDERR | typeof SYSTEM;

const STREAM_NAMES: Record<StreamCode, LogStreamName> = { [STDOUT]: 'stdout', [STDERR]: 'stderr', [SYSTEM]: 'system' };

/** The contract's name for a stream code. */
export function streamName(code: StreamCode): LogStreamName {
  return STREAM_NAMES[code];
}

/** A stream code read back from storage (a byte): anything unknown is stdout. */
export function streamCode(byte: number): StreamCode {
  return byte === STDERR ? STDERR : byte === SYSTEM ? SYSTEM : STDOUT;
}

export type RawLineSink = (stream: StreamCode, line: string) => void;

/** Lines up to this many characters (4 MiB of ASCII) are kept whole. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;
/** Ends each piece of a longer line but the last: the line goes on in the next one. */
export const LINE_SPLIT_MARKER = ' [… line over 4 MiB, continued on the next line]';

/** Where to cut `text` at most `max` characters in, without splitting a surrogate pair. */
function cutAt(text: string, max: number): number {
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/**
 * Splits decoded text into lines for one stream. UTF-8 sequences cut across chunks are
 * kept whole (a decoder is used only when a chunk ends inside one); a trailing \r
 * (TTY output) is dropped.
 */
class LineSplitter {
  private partial = '';
  private decoder: StringDecoder | undefined;

  constructor(private readonly stream: StreamCode, private readonly sink: RawLineSink) {}

  write(buf: Buffer, start: number, end: number): void {
    if (start >= end) return;
    let text: string;
    if (this.decoder === undefined && (buf[end - 1] ?? 0) < 0x80) {
      text = buf.toString('utf8', start, end);
    } else {
      this.decoder ??= new StringDecoder('utf8');
      text = this.decoder.write(buf.subarray(start, end));
    }
    this.take(text);
  }

  private take(text: string): void {
    let from = 0;
    let nl = text.indexOf('\n');
    if (nl < 0) {
      this.partial += text;
      // A line that never ends is let out in pieces, so memory stays bounded.
      while (this.partial.length > MAX_LINE_CHARS) {
        const cut = cutAt(this.partial, MAX_LINE_CHARS);
        this.sink(this.stream, this.partial.slice(0, cut) + LINE_SPLIT_MARKER);
        this.partial = this.partial.slice(cut);
      }
      return;
    }
    if (this.partial !== '') {
      this.emit(this.partial + text.slice(0, nl));
      this.partial = '';
      from = nl + 1;
      nl = text.indexOf('\n', from);
    }
    while (nl >= 0) {
      this.emit(text.slice(from, nl));
      from = nl + 1;
      nl = text.indexOf('\n', from);
    }
    if (from < text.length) this.take(text.slice(from));
  }

  private emit(whole: string): void {
    let line = whole;
    while (line.length > MAX_LINE_CHARS) {
      const cut = cutAt(line, MAX_LINE_CHARS);
      this.sink(this.stream, line.slice(0, cut) + LINE_SPLIT_MARKER);
      line = line.slice(cut);
    }
    const last = line.length - 1;
    this.sink(this.stream, last >= 0 && line.charCodeAt(last) === 13 ? line.slice(0, last) : line);
  }

  end(): void {
    if (this.decoder) this.take(this.decoder.end());
    if (this.partial !== '') {
      this.emit(this.partial);
      this.partial = '';
    }
  }
}

/**
 * Docker's log and attach stream: for non-TTY containers, frames of an 8-byte header
 * (stream type, 3 zero bytes, big-endian payload size) and a payload; for TTY
 * containers the raw bytes (all stdout). Yields whole lines per stream, in order.
 */
export class LogDemuxer {
  private readonly out: LineSplitter;
  private readonly err: LineSplitter;
  private header = Buffer.alloc(8);
  private headerFill = 0;
  private remaining = 0;
  private current: LineSplitter;

  constructor(private readonly tty: boolean, sink: RawLineSink) {
    this.out = new LineSplitter(STDOUT, sink);
    this.err = new LineSplitter(STDERR, sink);
    this.current = this.out;
  }

  push(chunk: Buffer): void {
    if (this.tty) {
      this.out.write(chunk, 0, chunk.length);
      return;
    }
    let pos = 0;
    const length = chunk.length;
    while (pos < length) {
      if (this.remaining > 0) {
        const end = Math.min(length, pos + this.remaining);
        this.current.write(chunk, pos, end);
        this.remaining -= end - pos;
        pos = end;
        continue;
      }
      if (this.headerFill === 0 && length - pos >= 8) {
        this.startFrame(chunk.readUInt8(pos), chunk.readUInt32BE(pos + 4));
        pos += 8;
        continue;
      }
      const take = Math.min(8 - this.headerFill, length - pos);
      chunk.copy(this.header, this.headerFill, pos, pos + take);
      this.headerFill += take;
      pos += take;
      if (this.headerFill === 8) {
        this.headerFill = 0;
        this.startFrame(this.header.readUInt8(0), this.header.readUInt32BE(4));
      }
    }
  }

  private startFrame(type: number, size: number): void {
    this.current = type === STDERR ? this.err : this.out;
    this.remaining = size;
  }

  /** Flushes a last line that had no newline. */
  end(): void {
    this.out.end();
    this.err.end();
  }
}
