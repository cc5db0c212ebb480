import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import { parseScaleArgs } from '../scale-args';
import { runStackTask, stackProject } from '../stack-cli';

/** `slipway scale web=3 worker=0`: as Compose's `scale`, the named services converged to that many replicas and started. */
export const scaleCommand: Command = {
  name: 'scale',
  summary: 'Run SERVICE with N containers (replicas): more are created, the highest-numbered surplus removed',
  usage: 'slipway scale SERVICE=N... [--no-deps]',
  options: {
    'no-deps': { type: 'boolean' },
  },
  async run(ctx, args) {
    if (args.positionals.length === 0) throw new SlipwayError('usage', 'scale: name at least one SERVICE=N', 'For example: slipway scale web=3');
    const scale = parseScaleArgs('scale', args.positionals);
    const services = Object.keys(scale).sort();
    const project = await stackProject(ctx, { services });
    await runStackTask(ctx, 'stack.up', { projectId: project.projectId, services, scale, noDeps: args.values['no-deps'] === true });
    return 0;
  },
};
