import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import type { CliContext } from '../context';
import { LogFollower } from '../../core/logs/log-follower';
import { compileRegex } from '../../core/logs/log-search';
import { stripAnsi } from '../../../shared/ansi';
import { dockerSinceFromMs, parseSince } from '../../core/logs/since';
import { listProjectContainers } from '../../core/state/container-list';
import { LogPrinter } from '../log-printer';
import { projectFromContext, unreachable } from '../project-target';

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
  async run(ctx, args) {
    const values = args.values;
    const tail = parseTail(values.tail as string | undefined);
    const since = values.since === undefined ? undefined : dockerSinceFromMs(parseSince(values.since as string));
    const grep = values.grep === undefined ? undefined : compileRegex(values.grep as string, true);
    const target = await projectFromContext(ctx, args.positionals);
    const core = ctx.core();
    const { docker, host } = core.docker();
    const containers = await listProjectContainers(docker, target.projectId, args.positionals).catch((error: unknown) => {
      throw unreachable(host.url, host.source, error);
    });
    const count = new Map<string, number>();
    for (const c of containers) count.set(c.service, (count.get(c.service) ?? 0) + 1);
    const labels = containers.map((c) => ((count.get(c.service) ?? 0) > 1 ? `${c.service}-${c.number}` : c.service));
    const noColor = values['no-color'] === true || ctx.global.noColor || ctx.env.NO_COLOR !== undefined;
    const printer = new LogPrinter(ctx.stdout, {
      color: ctx.color && !noColor,
      strip: noColor,
      timestamps: values.timestamps === true,
      labels: values['no-log-prefix'] === true ? [] : labels,
      ...(grep ? { grep } : {}),
    });
    const write = values['no-log-prefix'] === true ? plainWriter(ctx, noColor, grep) : printer.write;
    const follow = values.follow === true;
    const follower = new LogFollower({
      docker,
      projectId: target.projectId,
      services: args.positionals,
      follow,
      timestamps: values.timestamps === true,
      ...(follow ? { events: await core.engineEvents().catch((error: unknown) => { throw unreachable(host.url, host.source, error); }) } : {}),
      ...(tail !== undefined ? { tail } : {}),
      ...(since !== undefined ? { since } : {}),
      sink: write,
    });
    const stop = () => follower.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await follower.start();
      await follower.finished;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return 0;
  },
};

function parseTail(value: string | undefined): number | undefined {
  if (value === undefined || value === 'all') return undefined;
  if (!/^\d+$/.test(value)) throw new SlipwayError('usage', `logs: --tail takes a number of lines or "all", not "${value}"`, 'Example: slipway logs --tail 100 web');
  return Number(value);
}

function plainWriter(ctx: CliContext, strip: boolean, grep: RegExp | undefined) {
  return async (lines: Array<{ text: string; stream: string }>) => {
    let chunk = '';
    for (const line of lines) {
      if (line.stream === 'system') continue;
      const text = strip ? stripAnsi(line.text) : line.text;
      if (grep && !grep.test(text)) continue;
      chunk += `${text}\n`;
    }
    if (chunk !== '' && !ctx.stdout.write(chunk)) await new Promise((resolve) => ctx.stdout.once('drain', resolve));
  };
}
