import { createInterface } from 'node:readline/promises';
import type { Command } from '../command';
import { runStackTask, stackProject } from '../stack-cli';

const STOPPED = new Set(['exited', 'created', 'dead']);

export const rmCommand: Command = {
  name: 'rm',
  summary: 'Remove stopped service containers (-s: stop them first; -v: with their anonymous volumes)',
  usage: 'slipway rm [-f] [-s] [-v] [SERVICE...]',
  options: {
    force: { type: 'boolean', short: 'f' },
    stop: { type: 'boolean', short: 's' },
    volumes: { type: 'boolean', short: 'v' },
  },
  async run(ctx, args) {
    const services = args.positionals;
    const project = await stackProject(ctx, { nameOnly: true, services });
    const stop = args.values.stop === true;
    const rows = await ctx.client().call('stack.ps', { projectId: project.projectId, ...(services.length > 0 ? { services } : {}), all: true });
    const targets = rows.filter((r) => stop || STOPPED.has(r.state)).map((r) => r.container);
    if (targets.length === 0) {
      ctx.err('No stopped containers');
      return 0;
    }
    // As Compose: ask first, unless -f (or there is no one at a terminal to ask).
    if (args.values.force !== true && process.stdin.isTTY) {
      const prompt = createInterface({ input: process.stdin, output: ctx.stderr });
      const answer = await prompt.question(`Going to remove ${targets.join(', ')}\n? Are you sure? (y/N) `).finally(() => prompt.close());
      if (!/^y(es)?$/i.test(answer.trim())) return 0;
    } else {
      ctx.err(`Going to remove ${targets.join(', ')}`);
    }
    await runStackTask(ctx, 'stack.rm', { projectId: project.projectId, ...(services.length > 0 ? { services } : {}), stop, volumes: args.values.volumes === true });
    return 0;
  },
};
