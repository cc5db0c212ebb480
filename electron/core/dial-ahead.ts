/**
 * The core's second entry file, for the CLI's first lines only: starts dialling an ssh://
 * engine before the CLI loads the rest of itself (and the core), so the ssh handshake
 * overlaps that start-up. Whatever it dials waits for the core's ssh agents to take it
 * (docker/ssh-dial.ts); nothing here throws: a host that does not resolve is the core's to
 * explain, later.
 */
import { resolveHost } from './docker/resolve-host';
import { dialAhead } from './docker/ssh-dial';
import { sshTargetFromUrl } from './docker/ssh-target';

export interface DialAheadOptions {
  env: Record<string, string | undefined>;
  /** `--host` / `-H`. */
  host?: string;
  /** Connections to dial: 1 for the first calls, 2 when a stream (events, logs, stop…) follows at once. */
  connections: number;
}

/** Dials `connections` ssh connections ahead when the host resolves to ssh://; else nothing. */
export function dialEngineAhead(options: DialAheadOptions): void {
  try {
    const host = resolveHost({ env: options.env, ...(options.host ? { host: options.host } : {}) });
    if (host.scheme !== 'ssh' && !host.url.startsWith('ssh://')) return;
    const target = sshTargetFromUrl(host.url, options.env);
    for (let i = 0; i < options.connections; i++) dialAhead(target);
  } catch {
    // the core says what is wrong with the host when a command first needs it
  }
}
