import { SlipwayError } from '../../../shared/errors';
import type { Project } from '../../../shared/model/project';
import { stopServices, upProject } from '../../core/stack';
import type { UpOptions } from '../../core/stack';
import type { Command, ParsedArgs } from '../command';
import type { CliContext } from '../context';
import { progressPrinter, secondsFlag, stackProject, withEngine } from '../stack-cli';
import { logsCommand } from './logs';
import { upBuildHook } from '../images-cli';
import { watchUntilInterrupted } from './watch';

/**
 * `up --build`: the images room plugs its builder in here (it receives the services that
 * have a `build:` section, before anything is created). Absent, `--build` is refused.
 */
export function buildHook(ctx: CliContext, project: Project): UpOptions['build'] | undefined {
  return upBuildHook(ctx, project);
}

export const upCommand: Command = {
  name: 'up',
  summary: 'Create and start the services in dependency order, each as soon as its dependencies are ready',
  usage: 'slipway up [SERVICE...] [-d] [--wait] [--timeout S] [--build] [--remove-orphans] [--force-recreate] [--no-recreate] [-V] [--no-deps] [--watch]',
  options: {
    detach: { type: 'boolean', short: 'd' },
    wait: { type: 'boolean' },
    timeout: { type: 'string' },
    'wait-timeout': { type: 'string' },
    build: { type: 'boolean' },
    'remove-orphans': { type: 'boolean' },
    'force-recreate': { type: 'boolean' },
    'no-recreate': { type: 'boolean' },
    'renew-anon-volumes': { type: 'boolean', short: 'V' },
    'no-deps': { type: 'boolean' },
    watch: { type: 'boolean', short: 'w' },
  },
  async run(ctx, args) {
    return withEngine(ctx, async () => {
      // Connect to the engine's events while the project loads (up subscribes before acting anyway).
      const events = ctx.core().engineEvents();
      events.catch(() => undefined);
      const { project } = await stackProject(ctx, { services: args.positionals });
      const options = upOptions(ctx, project, args);
      await upProject(ctx.core(), project, options);
      if (args.values.watch === true) return watchUntilInterrupted(ctx, project, { services: args.positionals });
      if (args.values.detach === true || args.values.wait === true) return 0;
      // Attached, as Compose: follow the logs until Ctrl+C, then stop what we started.
      const code = await logsCommand.run(ctx, { values: { follow: true }, positionals: args.positionals });
      await stopServices(ctx.core(), project, { ...(args.positionals.length > 0 ? { services: args.positionals } : {}), onProgress: progressPrinter(ctx) });
      return code;
    });
  },
};

export function upOptions(ctx: CliContext, project: Project, args: ParsedArgs): UpOptions {
  const values = args.values;
  const timeout = secondsFlag('up', '--timeout', values.timeout) ?? secondsFlag('up', '--wait-timeout', values['wait-timeout']);
  const options: UpOptions = {
    onProgress: progressPrinter(ctx),
    wait: values.wait === true,
    removeOrphans: values['remove-orphans'] === true,
    forceRecreate: values['force-recreate'] === true,
    noRecreate: values['no-recreate'] === true,
    renewAnonVolumes: values['renew-anon-volumes'] === true,
    noDeps: values['no-deps'] === true,
  };
  if (args.positionals.length > 0) options.services = args.positionals;
  if (timeout !== undefined) options.timeoutMs = timeout * 1000;
  if (values.build === true) {
    const build = buildHook(ctx, project);
    if (!build) throw new SlipwayError('usage', 'up: --build is not available in this version', 'Build the images with `docker build`, then run `slipway up`.');
    options.build = build;
  }
  return options;
}
