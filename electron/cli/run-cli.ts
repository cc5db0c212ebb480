import { isSlipwayError } from '../../shared/errors';
import { ansiMode } from './color-mode';
import { CliContext } from './context';
import { splitGlobalArgs } from './global-options';
import { globalHelp } from './help';
import { parseCommandArgs } from './parse-command-args';
import { findCommand } from './registry';
import { SLIPWAY_VERSION } from './version';

export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * The whole CLI as a function: returns the exit code. User mistakes are one line on
 * stderr (what happened, then what to do), never a stack trace.
 */
export async function runCli(io: CliIo): Promise<number> {
  let ctx: CliContext | undefined;
  try {
    const { global, command: name, rest } = splitGlobalArgs(io.argv);
    // A bad --ansi (or COMPOSE_ANSI) is said before anything runs.
    ansiMode({ ansi: global.ansi, noColor: global.noColor, env: io.env });
    if (global.version) {
      io.stdout.write(`slipway ${SLIPWAY_VERSION}\n`);
      return 0;
    }
    if (name === undefined || global.help || name === 'help') {
      // As `docker compose` with no command: the help, and success.
      io.stdout.write(`${globalHelp()}\n`);
      return 0;
    }
    const command = findCommand(name);
    if (!command) {
      io.stderr.write(`slipway: unknown command "${name}"\nRun \`slipway --help\` for the list of commands.\n`);
      return 1;
    }
    const args = parseCommandArgs(command, rest);
    if (args.values.help === true) {
      io.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
      return 0;
    }
    ctx = new CliContext(global, io.env, io.cwd, io.stdout as never, io.stderr as never);
    return await command.run(ctx, args);
  } catch (error) {
    reportError(io, error);
    return 1;
  } finally {
    await ctx?.dispose();
  }
}

function reportError(io: CliIo, error: unknown): void {
  if (isSlipwayError(error)) {
    io.stderr.write(`slipway: ${error.message}\n`);
    if (error.hint) io.stderr.write(`${error.hint}\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`slipway: unexpected error: ${message}\n`);
  if (io.env.SLIPWAY_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
}
