import type { Writable } from 'node:stream';

/** One line of progress: a resource (`Container p-web-1`, `Image web`) and what is happening to it. */
export interface ProgressItem {
  /** What the line is about, as Compose names it: `Container p-web-1`. */
  id: string;
  /** In one word, as Compose says it: Creating, Started, Healthy, Pulling, Built, … */
  status: string;
  /** Working shows a spinner and a running timer; the others a mark and the time it took. */
  state: 'working' | 'done' | 'warning' | 'error';
  /** More words after the status (a pull's layer count, a build step), optional. */
  details?: string;
}

/**
 * Where a command's progress goes: the in-place display on a terminal, or plain lines when
 * piped. Stack tasks feed it today; pull and build progress can feed it the same way
 * (`update` per resource, `log` for free text that must not tear the display).
 */
export interface ProgressSink {
  update(item: ProgressItem): void;
  /** A line of text printed above the live lines (a warning, a build's output). */
  log(line: string): void;
  /** Work is over: the last frame stays, the cursor comes back. */
  done(): void;
}

/** Compose's word for how an item stands, from its status word (…ing is work going on). */
export function itemState(status: string, kind?: string): ProgressItem['state'] {
  if (kind === 'Warning') return 'warning';
  if (/^error/i.test(status)) return 'error';
  return /ing$/.test(status) || status === 'Recreate' ? 'working' : 'done';
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const MARK = { done: '✔', warning: '!', error: '✘' } as const;
const ESC = '\u001b[';
const paint = (on: boolean, code: string, text: string) => (on ? `${ESC}${code}m${text}${ESC}0m` : text);

export interface LiveProgressOptions {
  /** The header's word: `[+] Running 2/3`. */
  operation: string;
  color: boolean;
  /** Milliseconds now (a fake clock in tests). */
  now?: () => number;
  /** Redraw every 100 ms for the spinner and timers (off in tests, which draw by hand). */
  tick?: boolean;
}

interface Line {
  item: ProgressItem;
  startedAt: number;
  endedAt?: number;
}

/**
 * Compose's TTY progress: a header `[+] Running N/M`, then one line per resource rewritten in
 * place — ` ✔ Container p-web-1  Started   0.3s`, a spinner while it works — redrawn on each
 * update and every 100 ms. Writes to a terminal stream (stderr, as Compose).
 */
export class LiveProgress implements ProgressSink {
  private readonly lines = new Map<string, Line>();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly out: Writable & { columns?: number }, private readonly options: LiveProgressOptions) {
    this.now = options.now ?? Date.now;
  }

  update(item: ProgressItem): void {
    const at = this.now();
    const line = this.lines.get(item.id);
    if (!line) this.lines.set(item.id, { item, startedAt: at, ...(item.state !== 'working' ? { endedAt: at } : {}) });
    else {
      // A line that works again (Stopping after Started) times the new work.
      if (item.state === 'working' && line.item.state !== 'working') {
        line.startedAt = at;
        delete line.endedAt;
      }
      if (item.state !== 'working' && line.endedAt === undefined) line.endedAt = at;
      line.item = item;
    }
    if (this.options.tick !== false && !this.timer) {
      this.timer = setInterval(() => this.draw(), 100);
      this.timer.unref();
    }
    this.draw();
  }

  log(text: string): void {
    this.out.write(`${this.erase()}${text}\n`);
    this.drawn = 0;
    this.draw();
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.draw();
  }

  /** The frame as it would be drawn now: the header and one line per resource, padded to the width. */
  frame(): string[] {
    // A terminal that does not say its width (0 on a bare pseudo-terminal) gets 80 columns, as Compose's.
    const columns = this.out.columns ?? 0;
    const width = Math.max(40, columns > 0 ? columns : 80);
    const lines = [...this.lines.values()];
    const finished = lines.filter((l) => l.item.state !== 'working').length;
    const color = this.options.color;
    const idWidth = Math.max(...lines.map((l) => l.item.id.length));
    const now = this.now();
    const timers = lines.map((l) => `${(((l.endedAt ?? now) - l.startedAt) / 1000).toFixed(1)}s`);
    const timerWidth = Math.max(...timers.map((t) => t.length));
    const body = lines.map((l, i) => {
      const { item } = l;
      const mark = item.state === 'working'
        ? paint(color, '34', SPINNER[Math.floor((now - l.startedAt) / 100) % SPINNER.length] ?? '⠋')
        : paint(color, item.state === 'done' ? '32' : item.state === 'warning' ? '33' : '31', MARK[item.state]);
      const status = paint(color, item.state === 'error' ? '31' : item.state === 'warning' ? '33' : '32', item.status);
      const left = ` ${mark} ${item.id.padEnd(idWidth)} ${status}${item.details ? ` ${item.details}` : ''}`;
      const visible = 3 + idWidth + 1 + item.status.length + (item.details ? item.details.length + 1 : 0);
      const timer = (timers[i] ?? '').padStart(timerWidth);
      return `${left}${' '.repeat(Math.max(1, width - visible - timerWidth))}${paint(color, '2', timer)}`;
    });
    return [`[+] ${this.options.operation} ${finished}/${lines.length}`, ...body];
  }

  /** Up over the last frame, erasing it. */
  private erase(): string {
    return this.drawn > 0 ? `${ESC}${this.drawn}A\r${ESC}0J` : '';
  }

  private draw(): void {
    if (this.lines.size === 0) return;
    const frame = this.frame();
    this.out.write(`${ESC}?25l${this.erase()}${frame.map((l) => `${l}${ESC}K`).join('\n')}\n${ESC}?25h`);
    this.drawn = frame.length;
  }
}

/** Progress as plain lines, one per change (piped output, --ansi never): ` Container p-web-1  Started`. */
export class PlainProgress implements ProgressSink {
  constructor(private readonly err: (line: string) => void) {}

  update(item: ProgressItem): void {
    this.err(` ${item.id}  ${item.status}${item.details ? ` ${item.details}` : ''}`);
  }

  log(line: string): void {
    this.err(line);
  }

  done(): void {}
}
