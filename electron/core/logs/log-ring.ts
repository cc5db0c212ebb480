import type { StreamCode } from './log-demux';

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
  private open: string[] | undefined = [];
  private text = '';
  private offsets: Uint32Array | undefined;

  push(stream: StreamCode, text: string, ts: number, seq: number): void {
    const i = this.count++;
    this.ts[i] = ts;
    this.seq[i] = seq;
    this.stream[i] = stream;
    (this.open as string[]).push(text);
    if (this.count === BLOCK_LINES) this.seal();
  }

  private seal(): void {
    const lines = this.open as string[];
    const offsets = new Uint32Array(lines.length + 1);
    let at = 0;
    for (let i = 0; i < lines.length; i++) {
      offsets[i] = at;
      at += (lines[i] as string).length + 1;
    }
    offsets[lines.length] = at;
    this.text = lines.join('\n');
    this.offsets = offsets;
    this.open = undefined;
  }

  line(i: number): string {
    if (this.open) return this.open[i] as string;
    const offsets = this.offsets as Uint32Array;
    return this.text.slice(offsets[i], (offsets[i + 1] as number) - 1);
  }

  /**
   * Calls `hit` for each line index that `single` matches. Sealed blocks are scanned in
   * one pass with `global` (the same pattern with flags g and m); a match that spans a
   * line break makes the lines it touches be tested one by one.
   */
  findRegex(global: RegExp, single: RegExp, from: number, hit: (i: number) => void): void {
    if (this.open) {
      for (let i = from; i < this.count; i++) if (single.test(this.open[i] as string)) hit(i);
      return;
    }
    const text = this.text;
    const offsets = this.offsets as Uint32Array;
    let line = from;
    global.lastIndex = offsets[from] as number;
    let match: RegExpExecArray | null;
    while (line < this.count && (match = global.exec(text)) !== null) {
      const pos = match.index;
      const end = pos + match[0].length;
      while ((offsets[line + 1] as number) <= pos) line++;
      if (line >= this.count) break;
      let last = line;
      if (end > (offsets[line + 1] as number) - 1) {
        while (last + 1 < this.count && (offsets[last + 1] as number) < end) last++;
        for (let i = line; i <= last; i++) if (single.test(this.line(i))) hit(i);
      } else {
        hit(line);
      }
      line = last + 1;
      if (line >= this.count) break;
      global.lastIndex = offsets[line] as number;
    }
  }

  /** Calls `hit` for each line index whose text contains `needle` (lowercased when `fold`). */
  findSubstring(needle: string, fold: boolean, from: number, hit: (i: number) => void): void {
    if (this.open) {
      for (let i = from; i < this.count; i++) {
        const line = this.open[i] as string;
        if ((fold ? line.toLowerCase() : line).includes(needle)) hit(i);
      }
      return;
    }
    const text = fold ? this.text.toLowerCase() : this.text;
    const offsets = this.offsets as Uint32Array;
    let pos = text.indexOf(needle, offsets[from]);
    let line = from;
    while (pos >= 0) {
      while ((offsets[line + 1] as number) <= pos) line++;
      const lineEnd = (offsets[line + 1] as number) - 1;
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
    return [this.blocks[Math.floor(rel / BLOCK_LINES)] as Block, rel % BLOCK_LINES];
  }

  text(abs: number): string {
    const [block, i] = this.locate(abs);
    return block.line(i);
  }

  ts(abs: number): number {
    const [block, i] = this.locate(abs);
    return block.ts[i] as number;
  }

  seq(abs: number): number {
    const [block, i] = this.locate(abs);
    return block.seq[i] as number;
  }

  stream(abs: number): StreamCode {
    const [block, i] = this.locate(abs);
    return block.stream[i] as StreamCode;
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
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b] as Block;
      const blockBase = this.base + b * BLOCK_LINES;
      const from = Math.max(0, this.first - blockBase);
      block.findRegex(global, single, from, (i) => hit(blockBase + i));
    }
  }

  /** Absolute indexes of lines containing `needle`, oldest first (lowercase `needle` when `fold`). */
  findSubstring(needle: string, fold: boolean, hit: (abs: number) => void): void {
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b] as Block;
      const blockBase = this.base + b * BLOCK_LINES;
      const from = Math.max(0, this.first - blockBase);
      block.findSubstring(needle, fold, from, (i) => hit(blockBase + i));
    }
  }
}
