import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { SlipwayClient } from '../../../../shared/client';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/errors';

/** Prefer bash where the image has it. */
const SHELL = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];

export interface TerminalEvents {
  onOpen(): void;
  onExit(code: number): void;
  onError(error: ErrorInfo): void;
}

/** Opens xterm.js in `host` and connects it to an exec session; returns the cleanup. */
export function attachTerminal(host: HTMLElement, client: SlipwayClient, target: { projectId: string; service: string; index?: number }, events: TerminalEvents): () => void {
  const styles = getComputedStyle(document.documentElement);
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: styles.getPropertyValue('--mono').trim() || 'monospace',
    fontSize: 13,
    theme: { background: styles.getPropertyValue('--term-bg').trim() || '#111', foreground: styles.getPropertyValue('--term-fg').trim() || '#ddd' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  safeFit(fit);
  let sessionId: string | undefined;
  let disposed = false;
  const offs: (() => void)[] = [];
  // Output can arrive before exec.start answers; keep it until we know our session.
  let early: { sessionId: string; data: string }[] | undefined = [];

  offs.push(
    client.on('exec.output', (e) => {
      if (e.sessionId === sessionId) term.write(e.data);
      else if (early && early.length < 200) early.push(e);
    }),
    client.on('exec.exit', (e) => {
      if (e.sessionId !== sessionId) return;
      term.write(e.error ? `\r\n[${e.error.message}]\r\n` : `\r\n[process exited with code ${e.exitCode}]\r\n`);
      sessionId = undefined;
      events.onExit(e.exitCode);
    }),
  );
  // Keys and sizes for a session that just ended have nowhere to go: nothing to tell.
  const ignore = (): undefined => undefined;
  const input = term.onData((data) => {
    if (sessionId) client.call('exec.input', { sessionId, data }).catch(ignore);
  });
  const resize = term.onResize(({ cols, rows }) => {
    if (sessionId) client.call('exec.resize', { sessionId, cols, rows }).catch(ignore);
  });
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => safeFit(fit)) : undefined;
  observer?.observe(host);

  client.call('exec.start', { ...target, command: SHELL, tty: true, cols: term.cols, rows: term.rows }).then(
    (started) => {
      if (disposed) {
        client.call('exec.kill', started).catch(ignore);
        return;
      }
      sessionId = started.sessionId;
      for (const e of early ?? []) if (e.sessionId === sessionId) term.write(e.data);
      early = undefined;
      events.onOpen();
      term.focus();
    },
    (error: unknown) => events.onError(toErrorInfo(error)),
  );

  return () => {
    disposed = true;
    observer?.disconnect();
    for (const off of offs) off();
    input.dispose();
    resize.dispose();
    if (sessionId) client.call('exec.kill', { sessionId }).catch(ignore);
    term.dispose();
  };
}

function safeFit(fit: FitAddon): void {
  try {
    fit.fit();
  } catch {
    // Not laid out yet.
  }
}
