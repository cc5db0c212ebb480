/**
 * The core's second entry file, for the CLI before a command loads the core: starts dialling
 * an ssh:// engine at once, so the ssh handshake overlaps that start-up. Whatever it dials
 * waits for the core's ssh agents to take it (docker/ssh-dial.ts); nothing here throws: a
 * host that does not resolve is the core's to explain, later.
 */
import { dialAhead } from './docker/ssh-dial';
import { sshTargetFromUrl } from './docker/ssh-target';

export interface DialAheadOptions {
  env: Record<string, string | undefined>;
  /** `--host` / `-H`. */
  host?: string;
  /** Connections to dial: 1 for the first calls, 2 when a stream (events, logs, stop…) follows at once, 3 when calls also run side by side. */
  connections: number;
}

/**
 * Dials `connections` ssh connections ahead when `--host` or DOCKER_HOST (which come before the
 * docker contexts, as in resolveHost) is ssh://; else nothing. A host from a docker context is
 * left to the core's connection: reading the contexts needs the config reader (zod), which the
 * CLI's first lines do not load.
 */
export async function dialEngineAhead(options: DialAheadOptions): Promise<void> {
  try {
    const url = (options.host ?? options.env.DOCKER_HOST)?.trim();
    if (!url?.startsWith('ssh://')) return;
    const target = sshTargetFromUrl(url, options.env);
    for (let i = 0; i < options.connections; i++) dialAhead(target);
  } catch {
    // the core says what is wrong with the host when a command first needs it
  }
}
