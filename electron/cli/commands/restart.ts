import { restartServices } from '../../core/stack';
import type { Command } from '../command';
import { progressPrinter, secondsFlag, stackProject, withEngine } from '../stack-cli';

export const restartCommand: Command = {
  name: 'restart',
  summary: 'Restart all or the named services, dependencies before their dependents',
  usage: 'slipway restart [SERVICE...] [-t S]',
  options: { timeout: { type: 'string', short: 't' } },
  async run(ctx, args) {
    return withEngine(ctx, async () => {
      const { project } = await stackProject(ctx);
      const timeoutSeconds = secondsFlag('restart', '-t', args.values.timeout);
      await restartServices(ctx.core(), project, {
        ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
        onProgress: progressPrinter(ctx),
    });
    return 0;
    });
  },
};
