import type { CallInput } from '../../../shared/contract';
import type { Command, ParsedArgs } from '../command';
import { runStackTask, secondsFlag, stackProject } from '../stack-cli';
import { logsCommand } from './logs';
import { watchUntilInterrupted } from './watch';

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
    const project = await stackProject(ctx, { services: args.positionals });
    await runStackTask(ctx, 'stack.up', upInput(project.projectId, args));
    // Attached, the logs stream between the watch lines, as Compose's attached `up --watch`.
    if (args.values.watch === true) return watchUntilInterrupted(ctx, project, { services: args.positionals, ...(args.values.detach === true ? {} : { logs: {} }) });
    if (args.values.detach === true || args.values.wait === true) return 0;
    // Attached, as Compose: follow the logs until Ctrl+C, then stop what we started.
    const code = await logsCommand.run(ctx, { values: { follow: true }, positionals: args.positionals });
    await runStackTask(ctx, 'stack.stop', { projectId: project.projectId, ...(args.positionals.length > 0 ? { services: args.positionals } : {}) });
    return code;
  },
};

/** stack.up's input from up's flags. */
export function upInput(projectId: string, args: ParsedArgs): CallInput<'stack.up'> {
  const values = args.values;
  const timeout = secondsFlag('up', '--timeout', values.timeout) ?? secondsFlag('up', '--wait-timeout', values['wait-timeout']);
  return {
    projectId,
    ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
    wait: values.wait === true,
    removeOrphans: values['remove-orphans'] === true,
    forceRecreate: values['force-recreate'] === true,
    noRecreate: values['no-recreate'] === true,
    renewAnonVolumes: values['renew-anon-volumes'] === true,
    noDeps: values['no-deps'] === true,
    build: values.build === true,
    ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
  };
}
