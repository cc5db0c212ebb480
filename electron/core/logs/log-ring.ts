import { streamCode, type StreamCode } from './log-demux';

/** Lines per block: the unit of storage and of eviction. */
export const BLOCK_LINES = 1024;

/**
 * A block of up to BLOCK_LINES lines. While open its lines are kept as strings; once
 * full it is sealed into one string plus offsets, so a million lines cost a thousand
 * strings and some typed arrays instead of a million objects.
 */
class Block {
  count = 0;
  readonly ts = new Float64Array(BLOCK_LINES);
  readonly seq = new Float64Array(BLOCK_LINES);
  readonly stream = new Uint8Array(BLOCK_LINES);
  /** The lines while the block is open; empty once sealed. */
  private lines: string[] = [];
  /** Set when the block is full: all its lines in one string, and where each starts. */
  private sealed: { text: string; offsets: Uint32Array } | undefined;

  push(stream: StreamCode, text: string, ts: number, seq: number): void {
    const i = this.count++;
    this.ts[i] = ts;
    this.seq[i] = seq;
    this.stream[i] = stream;
    this.lines.push(text);
    if (this.count === BLOCK_LINES) this.seal();
  }

  private seal(): void {
    const lines = this.lines;
    const offsets = new Uint32Array(lines.length + 1);
    let at = 0;
    lines.forEach((line, i) => {
      offsets[i] = at;
      at += line.length + 1;
    });
    offsets[lines.length] = at;
    this.sealed = { text: lines.join('\n'), offsets };
    this.lines = [];
  }

  line(i: number): string {
    if (!this.sealed) return this.lines[i] ?? '';
    const { text, offsets } = this.sealed;
    return text.slice(offsets[i] ?? 0, (offsets[i + 1] ?? 0) - 1);
  }

  /**
   * Calls `hit` for each line index that `single` matches. Sealed blocks are scanned in
   * one pass with `global` (the same pattern with flags g and m); a match that spans a
   * line break makes the lines it touches be tested one by one.
   */
  findRegex(global: RegExp, single: RegExp, from: number, hit: (i: number) => void): void {
    if (!this.sealed) {
      for (let i = from; i < this.count; i++) if (single.test(this.lines[i] ?? '')) hit(i);
      return;
    }
    const { text, offsets } = this.sealed;
    let line = from;
    global.lastIndex = offsets[from] ?? 0;
    let match: RegExpExecArray | null;
    while (line < this.count && (match = global.exec(text)) !== null) {
      const pos = match.index;
      const end = pos + match[0].length;
      while ((offsets[line + 1] ?? Infinity) <= pos) line++;
      if (line >= this.count) break;
      let last = line;
      if (end > (offsets[line + 1] ?? Infinity) - 1) {
        while (last + 1 < this.count && (offsets[last + 1] ?? Infinity) < end) last++;
        for (let i = line; i <= last; i++) if (single.test(this.line(i))) hit(i);
      } else {
        hit(line);
      }
      line = last + 1;
      if (line >= this.count) break;
      global.lastIndex = offsets[line] ?? 0;
    }
  }

  /** Calls `hit` for each line index whose text contains `needle` (lowercased when `fold`). */
  findSubstring(needle: string, fold: boolean, from: number, hit: (i: number) => void): void {
    if (!this.sealed) {
      for (let i = from; i < this.count; i++) {
        const line = this.lines[i] ?? '';
        if ((fold ? line.toLowerCase() : line).includes(needle)) hit(i);
      }
      return;
    }
    const { offsets } = this.sealed;
    const text = fold ? this.sealed.text.toLowerCase() : this.sealed.text;
    let pos = text.indexOf(needle, offsets[from]);
    let line = from;
    while (pos >= 0) {
      while ((offsets[line + 1] ?? Infinity) <= pos) line++;
      const lineEnd = (offsets[line + 1] ?? Infinity) - 1;
      if (pos + needle.length <= lineEnd) {
        hit(line);
        pos = text.indexOf(needle, lineEnd + 1);
      } else {
        pos = text.indexOf(needle, pos + 1);
      }
    }
  }
}

/**
 * One service's log lines, at most `bound` of them: the oldest go first. Lines are
 * addressed by absolute index (0 = the first line ever pushed); indexes below
 * `start` have been evicted.
 */
export class LogRing {
  private blocks: Block[] = [];
  /** Absolute index of the first line of blocks[0]. */
  private base = 0;
  private pushed = 0;
  private first = 0;

  constructor(readonly bound: number) {
    if (!(bound >= 1)) throw new RangeError('a log ring holds at least one line');
  }

  /** Absolute index of the oldest line held. */
  get start(): number {
    return this.first;
  }

  /** Absolute index one past the newest line. */
  get end(): number {
    return this.pushed;
  }

  get size(): number {
    return this.pushed - this.first;
  }

  push(stream: StreamCode, text: string, ts: number, seq: number): void {
    let last = this.blocks[this.blocks.length - 1];
    if (!last || last.count === BLOCK_LINES) {
      last = new Block();
      this.blocks.push(last);
    }
    last.push(stream, text, ts, seq);
    this.pushed++;
    if (this.pushed - this.first > this.bound) {
      this.first = this.pushed - this.bound;
      while (this.first - this.base >= BLOCK_LINES) {
        this.blocks.shift();
        this.base += BLOCK_LINES;
      }
    }
  }

  private locate(abs: number): [Block, number] {
    const rel = abs - this.base;
    const block = this.blocks[Math.floor(rel / BLOCK_LINES)];
    if (!block) throw new RangeError(`log line ${abs} is not held (${this.first}..${this.pushed - 1})`);
    return [block, rel % BLOCK_LINES];
  }

  text(abs: number): string {
    const [block, i] = this.locate(abs);
    return block.line(i);
  }

  ts(abs: number): number {
    const [block, i] = this.locate(abs);
    return block.ts[i] ?? 0;
  }

  seq(abs: number): number {
    const [block, i] = this.locate(abs);
    return block.seq[i] ?? 0;
  }

  stream(abs: number): StreamCode {
    const [block, i] = this.locate(abs);
    return streamCode(block.stream[i] ?? 0);
  }

  /** The first absolute index whose timestamp is at or after `ts` (binary search). */
  indexAtTime(ts: number): number {
    let lo = this.first;
    let hi = this.pushed;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts(mid) < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Absolute indexes of lines matching `single` (`global`: the same with flags g and m), oldest first. */
  findRegex(global: RegExp, single: RegExp, hit: (abs: number) => void): void {
    for (const [b, block] of this.blocks.entries()) {
      const blockBase = this.base + b * BLOCK_LINES;
      const from = Math.max(0, this.first - blockBase);
      block.findRegex(global, single, from, (i) => hit(blockBase + i));
    }
  }

  /** Absolute indexes of lines containing `needle`, oldest first (lowercase `needle` when `fold`). */
  findSubstring(needle: string, fold: boolean, hit: (abs: number) => void): void {
    for (const [b, block] of this.blocks.entries()) {
      const blockBase = this.base + b * BLOCK_LINES;
      const from = Math.max(0, this.first - blockBase);
      block.findSubstring(needle, fold, from, (i) => hit(blockBase + i));
    }
  }
}
