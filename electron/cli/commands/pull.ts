import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import { pullProject } from '../images-cli';
import { stackProject } from '../stack-cli';

export const pullCommand: Command = {
  name: 'pull',
  summary: 'Pull the services’ images with your Docker login, as pull_policy and the flags say',
  usage: 'slipway pull [SERVICE...] [--include-deps] [--ignore-buildable] [--ignore-pull-failures] [-q] [--policy missing|always]',
  options: {
    'include-deps': { type: 'boolean' },
    'ignore-buildable': { type: 'boolean' },
    'ignore-pull-failures': { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    policy: { type: 'string' },
  },
  async run(ctx, args) {
    const policy = args.values.policy;
    if (policy !== undefined && policy !== 'missing' && policy !== 'always') {
      throw new SlipwayError('usage', `pull: invalid --policy "${String(policy)}"`, 'Use --policy missing or --policy always.');
    }
    const quiet = args.values.quiet === true;
    const project = await stackProject(ctx, { services: args.positionals });
    const result = await pullProject(ctx, {
      projectId: project.projectId,
      ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
      ...(args.values['include-deps'] === true ? { includeDeps: true } : {}),
      ...(args.values['ignore-buildable'] === true ? { ignoreBuildable: true } : {}),
      ...(args.values['ignore-pull-failures'] === true ? { ignorePullFailures: true } : {}),
      ...(quiet ? { quiet: true } : {}),
      ...(policy !== undefined ? { policy } : {}),
    });
    if (quiet) {
      // The progress (and with it the must-build note) was not shown: the note still matters.
      if (result.mustBuild.length > 0) ctx.err(`warning: some service image(s) must be built from source by running: slipway build ${result.mustBuild.join(' ')}`);
      return 0;
    }
    for (const image of result.images) {
      if (image.outcome === 'failed') ctx.err(`warning: ${image.reason ?? `pull of ${image.image ?? image.services.join(', ')} failed`}`);
    }
    return 0;
  },
};
