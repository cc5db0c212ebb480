import type { Command } from '../command';
import { printColumns } from '../output-format';
import { stackProject } from '../stack-cli';

export const topCommand: Command = {
  name: 'top',
  summary: 'Show the processes running in the project’s containers',
  usage: 'slipway top [SERVICE...]',
  options: {},
  async run(ctx, args) {
    const services = args.positionals;
    const project = await stackProject(ctx, { nameOnly: true, services });
    const rows = await ctx.client().call('stack.top', { projectId: project.projectId, ...(services.length > 0 ? { services } : {}) });
    for (const row of rows.sort((a, b) => (a.container < b.container ? -1 : 1))) {
      ctx.out(row.container);
      printColumns([row.titles, ...row.processes], (line) => ctx.out(line));
      ctx.out('');
    }
    return 0;
  },
};
