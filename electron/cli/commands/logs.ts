import { SlipwayError } from '../../../shared/errors';
import type { LogLine } from '../../../shared/contract/logs';
import type { Command, ParsedArgs } from '../command';
import type { CliContext } from '../context';
import { LogPrinter } from '../log-printer';
import { streamLogs } from '../log-stream';
import { INTERRUPTED_EXIT_CODE } from '../interrupt';
import { projectFromContext } from '../project-target';

export const logsCommand: Command = {
  name: 'logs',
  summary: 'Show the logs of the services: merged by time, prefixed by service',
  usage: 'slipway logs [SERVICE...] [-f] [--tail N] [--since T] [-t] [--no-color] [--grep REGEX]',
  options: {
    follow: { type: 'boolean', short: 'f' },
    tail: { type: 'string', short: 'n' },
    since: { type: 'string' },
    timestamps: { type: 'boolean', short: 't' },
    'no-color': { type: 'boolean' },
    'no-log-prefix': { type: 'boolean' },
    grep: { type: 'string' },
  },
  run(ctx, args) {
    return followLogs(ctx, args);
  },
};

/** `logs` with its flags; `signal` (besides Ctrl+C) ends a followed stream (attached `up`). */
export async function followLogs(ctx: CliContext, args: ParsedArgs, signal?: AbortSignal): Promise<number> {
  const values = args.values;
  const tail = parseTail(optionalString(values.tail));
  const target = await projectFromContext(ctx, args.positionals);
  const noColor = values['no-color'] === true || ctx.colorRefused;
  const timestamps = values.timestamps === true;
  const printer = new LogPrinter(ctx.stdout, { color: ctx.color && !noColor, timestamps });
  const noPrefix = values['no-log-prefix'] === true;
  const since = optionalString(values.since);
  const grep = optionalString(values.grep);
  const stop = new AbortController();
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    stop.abort();
  };
  const onSignal = () => stop.abort();
  signal?.addEventListener('abort', onSignal, { once: true });
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    await streamLogs(
      ctx.client(),
      {
        projectId: target.projectId,
        source: 'engine',
        follow: values.follow === true,
        timestamps,
        stripAnsi: noColor,
        ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
        ...(tail !== undefined ? { tail } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(grep !== undefined ? { grep } : {}),
      },
      noPrefix ? plainWriter(ctx) : printer.write,
      { signal: stop.signal, ...(noPrefix ? {} : { onLabels: printer.setLabels }) },
    );
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    signal?.removeEventListener('abort', onSignal);
  }
  // Ended by Ctrl+C: 130, as Compose's commands exit when interrupted.
  return interrupted ? INTERRUPTED_EXIT_CODE : 0;
}

function optionalString(value: unknown): string | undefined {
  return value === undefined ? undefined : String(value);
}

function parseTail(value: string | undefined): number | undefined {
  if (value === undefined || value === 'all') return undefined;
  if (!/^\d+$/.test(value)) throw new SlipwayError('usage', `logs: --tail takes a number of lines or "all", not "${value}"`, 'Example: slipway logs --tail 100 web');
  return Number(value);
}

/** `--no-log-prefix`: the text alone; Slipway's own marker lines are left out. */
function plainWriter(ctx: CliContext) {
  return async (lines: LogLine[]) => {
    let chunk = '';
    for (const line of lines) if (line.stream !== 'system') chunk += `${line.text}\n`;
    if (chunk !== '' && !ctx.stdout.write(chunk)) await new Promise((resolve) => ctx.stdout.once('drain', resolve));
  };
}
