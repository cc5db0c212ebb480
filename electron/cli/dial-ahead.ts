import { dialEngineAhead } from '../core/dial-ahead';
import { splitGlobalArgs } from './global-options';

/** Commands whose first engine requests include a long-lived one (events, logs, stop, exec…): they get a second connection ahead. */
const STREAMING = new Set(['up', 'down', 'logs', 'events', 'watch', 'exec', 'run', 'start', 'stop', 'restart', 'wait', 'cp']);
/**
 * Stack commands that also make calls at once beside each other from the start (up inspects
 * the network while it lists the containers; down stops several): a third connection, for
 * the pool's second, so that call does not wait for a channel's far side to start.
 */
const CONCURRENT = new Set(['up', 'down', 'start', 'stop', 'restart']);
/** Commands that never reach the engine (or not at once): nothing is dialled for them. */
const OFFLINE = new Set(['version', 'help', 'completion', 'config', 'settings']);

/**
 * Before the command runs: an ssh:// engine named by `--host` or DOCKER_HOST starts dialling
 * now, so its handshake overlaps the CLI loading itself and the core (whose ssh agents take
 * the connection). Bad global flags are left to runCli.
 */
export function dialAheadFor(argv: string[], env: Record<string, string | undefined>): void {
  try {
    const { global, command } = splitGlobalArgs(argv);
    if (command === undefined || global.help || global.version || OFFLINE.has(command) || argv.includes('--help')) return;
    void dialEngineAhead({ env, ...(global.host ? { host: global.host } : {}), connections: CONCURRENT.has(command) ? 3 : STREAMING.has(command) ? 2 : 1 });
  } catch {
    // bad global flags: runCli says so
  }
}
