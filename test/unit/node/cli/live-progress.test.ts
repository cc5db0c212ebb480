import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { itemState, LiveProgress, PlainProgress } from '../../../../electron/cli/live-progress';

/** A fake terminal: 60 columns, everything written kept. */
function fakeTty() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 60 });
  let written = '';
  stream.on('data', (d: Buffer) => (written += d.toString()));
  return { stream, written: () => written };
}

const ESC = '\u001b';
const ESCAPE_OR_BREAK = new RegExp(`(${ESC}\\[[0-9;?]*[A-Za-z]|\\n|\\r)`);
const CURSOR_UP = new RegExp(`^${ESC}\\[\\d+A$`);

/** What the terminal shows after the writes: cursor-up + erase-below honoured, other escapes dropped. */
function screen(written: string): string[] {
  const rows: string[] = [];
  let row = 0;
  const parts = written.split(ESCAPE_OR_BREAK);
  for (const part of parts) {
    if (part === '\n') row++;
    else if (part === '\r' || part === '') continue;
    else if (CURSOR_UP.test(part)) row -= Number(part.slice(2, -1));
    else if (part === '\u001b[0J') rows.length = row;
    else if (part.startsWith('\u001b[')) continue;
    else rows[row] = (rows[row] ?? '') + part;
  }
  return rows.slice(0, row).map((r) => r.trimEnd());
}

describe('live progress (Compose’s TTY display)', () => {
  it('rewrites one line per resource in place, a spinner while working, a mark and the time when done', () => {
    const tty = fakeTty();
    let clock = 1000;
    const live = new LiveProgress(tty.stream, { operation: 'Running', color: false, now: () => clock, tick: false });
    live.update({ id: 'Network p_default', status: 'Creating', state: 'working' });
    live.update({ id: 'Container p-web-1', status: 'Creating', state: 'working' });
    clock += 100;
    live.update({ id: 'Network p_default', status: 'Created', state: 'done' });
    clock += 200;
    expect(live.frame()).toEqual([
      '[+] Running 1/2',
      ` ✔ Network p_default Created${' '.repeat(28)}0.1s`,
      ` ⠸ Container p-web-1 Creating${' '.repeat(27)}0.3s`,
    ]);
    live.update({ id: 'Container p-web-1', status: 'Started', state: 'done' });
    live.done();
    // The terminal shows the last frame only: the earlier ones were written over.
    expect(screen(tty.written())).toEqual([
      '[+] Running 2/2',
      ` ✔ Network p_default Created${' '.repeat(28)}0.1s`,
      ` ✔ Container p-web-1 Started${' '.repeat(28)}0.3s`,
    ]);
  });

  it('prints log lines above the live lines without tearing them', () => {
    const tty = fakeTty();
    const live = new LiveProgress(tty.stream, { operation: 'Running', color: false, now: () => 0, tick: false });
    live.update({ id: 'Container p-db-1', status: 'Starting', state: 'working' });
    live.log('warning: something to know');
    live.update({ id: 'Container p-db-1', status: 'Healthy', state: 'done' });
    live.done();
    const shown = screen(tty.written());
    expect(shown[0]).toBe('warning: something to know');
    expect(shown[1]).toBe('[+] Running 1/1');
    expect(shown[2]).toMatch(/^ ✔ Container p-db-1 Healthy +0\.0s$/);
    expect(shown).toHaveLength(3);
  });

  it('a log line before any resource is just the line (no empty header)', () => {
    const tty = fakeTty();
    const live = new LiveProgress(tty.stream, { operation: 'Running', color: false, now: () => 0, tick: false });
    live.log('warning: early');
    live.done();
    expect(screen(tty.written())).toEqual(['warning: early']);
  });

  it('colours the marks and statuses only when asked', () => {
    const tty = fakeTty();
    const live = new LiveProgress(tty.stream, { operation: 'Running', color: true, now: () => 0, tick: false });
    live.update({ id: 'Container p-web-1', status: 'Started', state: 'done' });
    expect(live.frame()[1]).toContain('\u001b[32m✔\u001b[0m');
    const plain = new LiveProgress(fakeTty().stream, { operation: 'Running', color: false, now: () => 0, tick: false });
    plain.update({ id: 'Container p-web-1', status: 'Started', state: 'done' });
    expect(plain.frame()[1]).not.toContain('\u001b');
  });

  it('plain lines when piped, as today: one per change', () => {
    const lines: string[] = [];
    const plain = new PlainProgress((l) => lines.push(l));
    plain.update({ id: 'Container p-web-1', status: 'Started', state: 'done' });
    plain.log('warning: x');
    expect(lines).toEqual([' Container p-web-1  Started', 'warning: x']);
  });

  it('reads …ing as work going on, warnings and errors as such', () => {
    expect(itemState('Creating')).toBe('working');
    expect(itemState('Healthy')).toBe('done');
    expect(itemState('Error')).toBe('error');
    expect(itemState('anything', 'Warning')).toBe('warning');
  });
});
