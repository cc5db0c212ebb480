import type { Command } from '../command';
import { runStackTask, secondsFlag, stackProject } from '../stack-cli';

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
    // Without a compose file (-p NAME), the core removes every container of the project.
    const project = await stackProject(ctx, { nameOnly: true });
    const timeoutSeconds = secondsFlag('down', '-t', args.values.timeout);
    await runStackTask(ctx, 'stack.down', {
      projectId: project.projectId,
      volumes: args.values.volumes === true,
      removeOrphans: args.values['remove-orphans'] === true,
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    });
    return 0;
  },
};
