import type { Command } from '../command';
import { humanSize, printColumns, wantsJson } from '../output-format';
import { stackProject } from '../stack-cli';

export const imagesCommand: Command = {
  name: 'images',
  summary: 'List the images the project’s containers run: repository, tag, id, size',
  usage: 'slipway images [SERVICE...] [-q] [--format table|json]',
  options: {
    quiet: { type: 'boolean', short: 'q' },
    format: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx, args) {
    const json = wantsJson('images', args.values);
    const services = args.positionals;
    const project = await stackProject(ctx, { nameOnly: true, services });
    const rows = await ctx.client().call('stack.images', { projectId: project.projectId, ...(services.length > 0 ? { services } : {}) });
    if (args.values.quiet === true) {
      for (const id of new Set(rows.map((r) => r.id))) ctx.out(id);
    } else if (json) {
      ctx.out(JSON.stringify(rows.map((r) => ({ ID: r.id, ContainerName: r.container, Repository: r.repository, Tag: r.tag, Size: r.size }))));
    } else {
      const table = rows.map((r) => [r.container, r.repository, r.tag, r.id.replace(/^sha256:/, '').slice(0, 12), humanSize(r.size)]);
      printColumns([['CONTAINER', 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE'], ...table], (line) => ctx.out(line));
    }
    return 0;
  },
};
