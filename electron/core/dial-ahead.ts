/**
 * The core's second entry file, for the CLI before a command loads the core: starts dialling
 * an ssh:// engine at once, so the ssh handshake overlaps that start-up. Whatever it dials waits for the core's ssh agents to take it
 * (docker/ssh-dial.ts); nothing here throws: a host that does not resolve is the core's to
 * explain, later.
 */
import { dialAhead } from './docker/ssh-dial';
import { sshTargetFromUrl } from './docker/ssh-target';

export interface DialAheadOptions {
  env: Record<string, string | undefined>;
  /** `--host` / `-H`. */
  host?: string;
  /** Connections to dial: 1 for the first calls, 2 when a stream (events, logs, stop…) follows at once. */
  connections: number;
}

/**
 * Dials `connections` ssh connections ahead when the host is ssh://; else nothing. `--host`
 * and DOCKER_HOST are read at once (before zod and the rest load); a docker context needs
 * the config reader, loaded beside the rest of the CLI (resolved: when it is dialling).
 */
export async function dialEngineAhead(options: DialAheadOptions): Promise<void> {
  try {
    // the same order as resolveHost: --host, DOCKER_HOST, then the contexts
    const direct = options.host ?? options.env.DOCKER_HOST;
    const url = direct !== undefined ? direct.trim() : await contextHostUrl(options.env);
    if (!url?.startsWith('ssh://')) return;
    const target = sshTargetFromUrl(url, options.env);
    for (let i = 0; i < options.connections; i++) dialAhead(target);
  } catch {
    // the core says what is wrong with the host when a command first needs it
  }
}

async function contextHostUrl(env: Record<string, string | undefined>): Promise<string> {
  const { resolveHost } = await import('./docker/resolve-host');
  return resolveHost({ env }).url;
}
