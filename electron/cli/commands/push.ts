import type { Command } from '../command';
import { pushProject } from '../images-cli';

export const pushCommand: Command = {
  name: 'push',
  summary: 'Push the images of services with build: and image:, with their commit tags',
  usage: 'slipway push [SERVICE...]',
  options: {},
  async run(ctx, args) {
    const project = await ctx.openProject();
    for (const warning of project.warnings) ctx.err(`warning: ${warning}`);
    const result = await pushProject(ctx, project.projectId, args.positionals);
    if (result.images.length === 0) ctx.err('No service has both build: and image:; nothing to push.');
    for (const image of result.images) {
      for (const pushed of image.pushed) ctx.out(`Pushed ${pushed.tag}${pushed.digest ? ` ${pushed.digest}` : ''}`);
      for (const skipped of image.skipped) ctx.err(`Skipped ${skipped.tag}: ${skipped.reason}`);
    }
    return 0;
  },
};
