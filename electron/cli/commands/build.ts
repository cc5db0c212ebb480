import type { Command } from '../command';
import { buildProject } from '../images-cli';

export const buildCommand: Command = {
  name: 'build',
  summary: 'Build the images of services with a build: section, tagged with the git commit',
  usage: 'slipway build [SERVICE...] [--no-cache] [--pull]',
  options: {
    'no-cache': { type: 'boolean' },
    pull: { type: 'boolean' },
  },
  async run(ctx, args) {
    const project = await ctx.openProject();
    for (const warning of project.warnings) ctx.err(`warning: ${warning}`);
    const result = await buildProject(ctx, project.projectId, {
      services: args.positionals,
      noCache: args.values['no-cache'] === true,
      pull: args.values.pull === true,
    });
    if (result.images.length === 0) ctx.err('No service has a build: section; nothing to build.');
    for (const image of result.images) {
      ctx.out(`Built ${image.service}: ${image.tags.join(' ')}`);
    }
    return 0;
  },
};
