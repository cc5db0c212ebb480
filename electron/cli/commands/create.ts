import type { Command } from '../command';
import { imageFlags } from '../image-flags';
import { runStackTask, stackProject } from '../stack-cli';
import { parseScaleArgs } from '../scale-args';

export const createCommand: Command = {
  name: 'create',
  summary: 'Create the services’ containers (and networks, volumes) without starting them, as up --no-start',
  usage: 'slipway create [SERVICE...] [--build] [--no-build] [--pull always|missing|never|build] [--quiet-pull] [--force-recreate] [--no-recreate] [--remove-orphans] [--scale SERVICE=N]...',
  options: {
    build: { type: 'boolean' },
    'no-build': { type: 'boolean' },
    pull: { type: 'string' },
    'quiet-pull': { type: 'boolean' },
    'force-recreate': { type: 'boolean' },
    'no-recreate': { type: 'boolean' },
    'remove-orphans': { type: 'boolean' },
    scale: { type: 'string', multiple: true },
  },
  async run(ctx, args) {
    const services = args.positionals;
    const scale = parseScaleArgs('create', args.values.scale);
    const project = await stackProject(ctx, { services });
    await runStackTask(ctx, 'stack.up', {
      projectId: project.projectId,
      ...(services.length > 0 ? { services } : {}),
      noStart: true,
      ...imageFlags('create', args),
      forceRecreate: args.values['force-recreate'] === true,
      noRecreate: args.values['no-recreate'] === true,
      removeOrphans: args.values['remove-orphans'] === true,
      ...(Object.keys(scale).length > 0 ? { scale } : {}),
    });
    return 0;
  },
};
