import { stopServices } from '../../core/stack';
import type { Command } from '../command';
import { progressPrinter, secondsFlag, stackProject, withEngine } from '../stack-cli';

export const stopCommand: Command = {
  name: 'stop',
  summary: 'Stop all or the named services (dependents first), keeping their containers',
  usage: 'slipway stop [SERVICE...] [-t S]',
  options: { timeout: { type: 'string', short: 't' } },
  async run(ctx, args) {
    return withEngine(ctx, async () => {
      const { project } = await stackProject(ctx);
      const timeoutSeconds = secondsFlag('stop', '-t', args.values.timeout);
      await stopServices(ctx.core(), project, {
        ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
        onProgress: progressPrinter(ctx),
    });
    return 0;
    });
  },
};
