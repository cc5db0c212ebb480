import type { Command } from '../command';
import { wantsJson } from '../output-format';

export const configCommand: Command = {
  name: 'config',
  summary: 'Print the project as Compose resolves it (canonical long forms, variables resolved)',
  usage: 'slipway [-f FILE]... [-p NAME] [--profile P]... [--env-file F] config [--json] [--format yaml|json] [--services] [--profiles] [--volumes] [--images] [-q]',
  options: {
    json: { type: 'boolean' },
    format: { type: 'string' },
    services: { type: 'boolean' },
    profiles: { type: 'boolean' },
    volumes: { type: 'boolean' },
    images: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  },
  async run(ctx, args) {
    const project = await ctx.openProject();
    for (const warning of project.warnings) ctx.err(`warning: ${warning}`);
    // Refuses two services with one container_name, as Compose's config does.
    const config = await ctx.client().call('projects.config', { projectId: project.projectId });
    if (args.values.quiet === true) return 0;
    const list = args.values.services === true ? config.services
      : args.values.profiles === true ? config.profiles
      : args.values.volumes === true ? config.volumes
      : args.values.images === true ? config.images
      : undefined;
    if (list) for (const line of list) ctx.out(line);
    else if (wantsJson('config', args.values, 'yaml')) ctx.out(config.json);
    else ctx.stdout.write(config.yaml);
    return 0;
  },
};
