import { z } from 'zod';
import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import { runStackTask, secondsFlag, stackProject } from '../stack-cli';

const RmiFlag = z.enum(['local', 'all']).optional();

export const downCommand: Command = {
  name: 'down',
  summary: 'Stop and remove the containers (dependents first) and networks; -v also the named volumes',
  usage: 'slipway down [-v] [-t S] [--remove-orphans] [--rmi local|all]',
  options: {
    volumes: { type: 'boolean', short: 'v' },
    timeout: { type: 'string', short: 't' },
    'remove-orphans': { type: 'boolean' },
    rmi: { type: 'string' },
  },
  async run(ctx, args) {
    // Without a compose file (-p NAME), the core removes every container of the project.
    const project = await stackProject(ctx, { nameOnly: true });
    const timeoutSeconds = secondsFlag('down', '-t', args.values.timeout);
    const rmi = RmiFlag.safeParse(args.values.rmi);
    if (!rmi.success) throw new SlipwayError('usage', `down: --rmi takes local or all, not "${String(args.values.rmi)}"`, 'local: the images built for services without image:; all: every image the services use.');
    await runStackTask(ctx, 'stack.down', {
      projectId: project.projectId,
      volumes: args.values.volumes === true,
      removeOrphans: args.values['remove-orphans'] === true,
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
      ...(rmi.data !== undefined ? { removeImages: rmi.data } : {}),
    });
    return 0;
  },
};
