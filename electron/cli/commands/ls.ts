import type { Command } from '../command';
import { printColumns, wantsJson } from '../output-format';

export const lsCommand: Command = {
  name: 'ls',
  summary: 'List the Compose projects on the engine (running ones; -a: all) with their status and config files',
  usage: 'slipway ls [-a] [-q] [--filter name=NAME] [--format table|json]',
  options: {
    all: { type: 'boolean', short: 'a' },
    quiet: { type: 'boolean', short: 'q' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    filter: { type: 'string' },
  },
  async run(ctx, args) {
    const json = wantsJson('ls', args.values);
    let projects = await ctx.client().call('stack.ls', { all: args.values.all === true });
    const filter = typeof args.values.filter === 'string' ? /^name=(.*)$/.exec(args.values.filter)?.[1] : undefined;
    if (filter !== undefined) projects = projects.filter((p) => p.name.includes(filter));
    if (args.values.quiet === true) {
      for (const p of projects) ctx.out(p.name);
    } else if (json) {
      ctx.out(JSON.stringify(projects.map((p) => ({ Name: p.name, Status: p.status, ConfigFiles: p.configFiles }))));
    } else {
      printColumns([['NAME', 'STATUS', 'CONFIG FILES'], ...projects.map((p) => [p.name, p.status, p.configFiles])], (line) => ctx.out(line));
    }
    return 0;
  },
};
