import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { endQuietlyOnClosedPipe } from './closed-pipe';
import { codeCacheDir, loadWithCodeCache, type CachedBundle } from './code-cache';
import type { dialAheadFor as DialAheadFor } from './dial-ahead';
import type { runCli as RunCli } from './run-cli';

/** The CLI itself and the ssh code it shares with this entry: CommonJS bundles beside it (scripts/node-bundles.mjs). */
const CLI_BUNDLE = './slipway-cli.cjs';
const SSH_BUNDLE = './slipway-ssh.cjs';

interface Cli {
  runCli: typeof RunCli;
  coreWasLoaded: () => boolean;
}

const hasFunctions = (value: unknown, names: string[]): boolean => typeof value === 'object' && value !== null && names.every((name) => typeof Reflect.get(value, name) === 'function');

function isCli(value: unknown): value is Cli {
  return hasFunctions(value, ['runCli', 'coreWasLoaded']);
}

function isSsh(value: unknown): value is { dialAheadFor: typeof DialAheadFor } {
  return hasFunctions(value, ['dialAheadFor']);
}

function notBuilt(file: string, error?: unknown): never {
  if (process.env.SLIPWAY_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.stderr.write(`slipway: the CLI is not built completely (${file} is missing or not the CLI).\nRun \`npm run build\` in the Slipway folder again.\n`);
  process.exit(1);
}

/**
 * First of all: an ssh:// engine named by `--host` or DOCKER_HOST starts dialling, so its
 * handshake overlaps the rest loading (one a docker context names is dialled by the core as
 * it connects, a few ms later: reading the contexts needs the config reader of the bundle).
 */
function dialAhead(): void {
  const file = fileURLToPath(new URL(SSH_BUNDLE, import.meta.url));
  let ssh: unknown;
  try {
    ssh = createRequire(import.meta.url)(file);
  } catch (error) {
    notBuilt(file, error);
  }
  if (!isSsh(ssh)) notBuilt(file);
  ssh.dialAheadFor(process.argv.slice(2), process.env);
}
dialAhead();

/** The rest of the CLI, compiled through V8's code cache (code-cache.ts); a half-built CLI says so in one line. */
function loadCli(): { cli: Cli; bundle: CachedBundle } {
  const file = fileURLToPath(new URL(CLI_BUNDLE, import.meta.url));
  let bundle: CachedBundle;
  try {
    bundle = loadWithCodeCache(file, codeCacheDir(process.env));
  } catch (error) {
    notBuilt(file, error);
  }
  if (!isCli(bundle.exports)) notBuilt(file);
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
