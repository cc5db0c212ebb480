import { fileURLToPath } from 'node:url';
import { endQuietlyOnClosedPipe } from './closed-pipe';
import { codeCacheDir, loadWithCodeCache, type CachedBundle } from './code-cache';
import { dialEngineAhead } from '../core/dial-ahead';
import { splitGlobalArgs } from './global-options';
import type { runCli as RunCli } from './run-cli';

/** The rest of the CLI: one CommonJS bundle beside this entry (scripts/build.mjs makes both). */
const CLI_BUNDLE = './slipway-cli.cjs';

/** Commands whose first engine requests include a long-lived one (events, logs, stop, exec…): they get a second connection ahead. */
const STREAMING = new Set(['up', 'down', 'logs', 'events', 'watch', 'exec', 'run', 'start', 'stop', 'restart', 'wait', 'cp']);
/** Commands that never reach the engine (or not at once): nothing is dialled for them. */
const OFFLINE = new Set(['version', 'help', 'completion', 'config', 'settings']);

/**
 * Before the rest of the CLI loads: an ssh:// engine starts dialling now, so its handshake
 * overlaps Node loading the bundle (the core's ssh agents take the connection).
 */
function dialAhead(): void {
  try {
    const { global, command } = splitGlobalArgs(process.argv.slice(2));
    if (command === undefined || global.help || global.version || OFFLINE.has(command) || process.argv.includes('--help')) return;
    void dialEngineAhead({ env: process.env, ...(global.host ? { host: global.host } : {}), connections: STREAMING.has(command) ? 2 : 1 });
  } catch {
    // bad global flags: runCli says so
  }
}
dialAhead();

interface Cli {
  runCli: typeof RunCli;
  coreWasLoaded: () => boolean;
}

function isCli(value: unknown): value is Cli {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'runCli') === 'function' && typeof Reflect.get(value, 'coreWasLoaded') === 'function';
}

/** The rest of the CLI, compiled through V8's code cache (code-cache.ts). */
function loadCli(): { cli: Cli; bundle: CachedBundle } {
  const bundle = loadWithCodeCache(fileURLToPath(new URL(CLI_BUNDLE, import.meta.url)), codeCacheDir(process.env));
  if (!isCli(bundle.exports)) throw new Error(`${CLI_BUNDLE} does not export the CLI: run \`npm run build\` in the Slipway folder again`);
  return { cli: bundle.exports, bundle };
}
const { cli, bundle } = loadCli();

/** Resolves once what was written to `stream` has been handed to the system. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

/**
 * The last resort: an error nobody awaits (a request abandoned on Ctrl+C whose socket is
 * closed as the command ends) is one line, never a stack trace — or nothing when it is that
 * socket closing (`ECONNRESET`: the command has answered without it).
 */
process.on('uncaughtException', (error: unknown) => {
  if (typeof error === 'object' && error !== null && Reflect.get(error, 'code') === 'ECONNRESET') return;
  process.stderr.write(`slipway: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.SLIPWAY_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});

endQuietlyOnClosedPipe(process.stdout, (code) => process.exit(code));

/**
 * Entry point of the `slipway` command. Once the command has answered and its output is
 * flushed, the process ends: nothing it started may outlive it.
 */
cli.runCli({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr })
  .then(
    (code) => code,
    (error: unknown) => {
      process.stderr.write(`slipway: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    },
  )
  .then(async (code) => {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    // the answer is out: now keep what this run compiled, if the cache lacks it
    bundle.save(cli.coreWasLoaded() ? 'core' : 'entry');
    process.exit(code);
  });
