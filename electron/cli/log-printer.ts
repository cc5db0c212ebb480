import type { Writable } from 'node:stream';
import type { LogLine } from '../../shared/contract/logs';
import { formatDockerTimestamp } from '../../shared/docker-timestamp';

/** 256-colour hues far apart from each other, so neighbouring services never look alike. */
const PALETTE = [39, 214, 41, 199, 45, 226, 135, 203, 118, 33, 208, 177, 50, 220, 161, 105];
const RESET = '\u001b[0m';
const DIM = '\u001b[2m';

export interface PrinterOptions {
  /** Colour the prefixes. */
  color: boolean;
  timestamps: boolean;
}

/**
 * Prints log lines as Compose does: `service | text`, the prefix padded to the widest
 * service name and coloured per service. Writes a batch at a time and waits for the
 * stream to drain, so a fast source cannot pile up memory. (The core has already
 * removed ANSI escapes for --no-color and dropped what --grep does not match.)
 */
export class LogPrinter {
  private width: number;
  private readonly prefixes = new Map<string, string>();
  private colorIndex = 0;

  constructor(private readonly out: Writable, private readonly options: PrinterOptions) {
    this.width = 0;
  }

  /** Every label known up front: padding and colours follow their sorted order. */
  readonly setLabels = (labels: readonly string[]): void => {
    this.width = Math.max(this.width, ...labels.map((l) => l.length));
    for (const label of [...labels].sort()) this.prefix(label);
  };

  private prefix(label: string): string {
    let prefix = this.prefixes.get(label);
    if (prefix !== undefined) return prefix;
    if (label.length > this.width) {
      this.width = label.length;
      const known = [...this.prefixes.keys()];
      this.prefixes.clear();
      this.colorIndex = 0;
      for (const l of known) this.prefix(l);
    }
    const padded = `${label.padEnd(this.width)} | `;
    prefix = this.options.color ? `\u001b[38;5;${PALETTE[this.colorIndex++ % PALETTE.length]}m${padded}${RESET}` : padded;
    this.prefixes.set(label, prefix);
    return prefix;
  }

  readonly write = (lines: LogLine[]): void | Promise<void> => {
    let chunk = '';
    const { timestamps, color } = this.options;
    for (const line of lines) {
      const text = line.text;
      const body = line.stream === 'system' && color ? `${DIM}${text}${RESET}` : text;
      chunk += timestamps ? `${this.prefix(line.service)}${formatDockerTimestamp(line.ts)} ${body}\n` : `${this.prefix(line.service)}${body}\n`;
    }
    if (chunk === '') return;
    if (this.out.write(chunk)) return;
    return new Promise<void>((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        this.out.off('error', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
      this.out.on('error', done);
    });
  };
}
