import { downProject } from '../../core/stack';
import type { Command } from '../command';
import { progressPrinter, secondsFlag, stackProject, withEngine } from '../stack-cli';

export const downCommand: Command = {
  name: 'down',
  summary: 'Stop and remove the containers (dependents first) and networks; -v also the named volumes',
  usage: 'slipway down [-v] [-t S] [--remove-orphans]',
  options: {
    volumes: { type: 'boolean', short: 'v' },
    timeout: { type: 'string', short: 't' },
    'remove-orphans': { type: 'boolean' },
  },
  async run(ctx, args) {
    return withEngine(ctx, async () => {
      const { project, fromFile } = await stackProject(ctx, { nameOnly: true });
      const timeoutSeconds = secondsFlag('down', '-t', args.values.timeout);
      await downProject(ctx.core(), project, {
        volumes: args.values.volumes === true,
        // Without a compose file, every container of the project is removed.
        removeOrphans: args.values['remove-orphans'] === true || !fromFile,
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
        onProgress: progressPrinter(ctx),
    });
    return 0;
    });
  },
};
