import { startServices } from '../../core/stack';
import type { Command } from '../command';
import { progressPrinter, stackProject, withEngine } from '../stack-cli';

export const startCommand: Command = {
  name: 'start',
  summary: 'Start the existing containers of all or the named services, in dependency order',
  usage: 'slipway start [SERVICE...]',
  options: {},
  async run(ctx, args) {
    return withEngine(ctx, async () => {
      const { project } = await stackProject(ctx);
      await startServices(ctx.core(), project, {
        ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
        onProgress: progressPrinter(ctx),
    });
    return 0;
    });
  },
};
