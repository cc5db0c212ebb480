import type { CallInput } from '../../../shared/contract';
import { stringList } from '../env-flags';
import type { Command, ParsedArgs } from '../command';
import { runStackTask, secondsFlag, stackProject } from '../stack-cli';
import { SlipwayError } from '../../../shared/errors';
import { imageFlags } from '../image-flags';
import { runAttached } from '../up-attached';
import { parseScaleArgs } from '../scale-args';
import { attachedServices, checkAttachFlags, type AttachFlags } from '../up-attach';
import { watchUntilInterrupted } from './watch';
import { printTimeline } from './timeline';
import { shareLines } from '../share-lines';

export const upCommand: Command = {
  name: 'up',
  summary: 'Create and start the services in dependency order, each as soon as its dependencies are ready',
  usage: 'slipway up [SERVICE...] [-d] [--wait] [--wait-timeout S] [-t S] [--build] [--no-build] [--pull always|missing|never|build] [--quiet-pull] [--remove-orphans] [--force-recreate] [--no-recreate] [-V] [--no-deps] [--no-start] [--scale SERVICE=N]... [--abort-on-container-exit] [--exit-code-from SERVICE] [--attach SERVICE]... [--no-attach SERVICE]... [--attach-dependencies] [--watch] [--timeline]',
  options: {
    detach: { type: 'boolean', short: 'd' },
    wait: { type: 'boolean' },
    timeout: { type: 'string', short: 't' },
    'wait-timeout': { type: 'string' },
    build: { type: 'boolean' },
    'no-build': { type: 'boolean' },
    pull: { type: 'string' },
    'quiet-pull': { type: 'boolean' },
    'remove-orphans': { type: 'boolean' },
    'force-recreate': { type: 'boolean' },
    'no-recreate': { type: 'boolean' },
    'renew-anon-volumes': { type: 'boolean', short: 'V' },
    'no-deps': { type: 'boolean' },
    watch: { type: 'boolean', short: 'w' },
    'no-start': { type: 'boolean' },
    'abort-on-container-exit': { type: 'boolean' },
    'exit-code-from': { type: 'string' },
    scale: { type: 'string', multiple: true },
    attach: { type: 'string', multiple: true },
    'no-attach': { type: 'string', multiple: true },
    'attach-dependencies': { type: 'boolean' },
    timeline: { type: 'boolean' },
  },
  async run(ctx, args) {
    const values = args.values;
    const exitCodeFrom = typeof values['exit-code-from'] === 'string' ? values['exit-code-from'] : undefined;
    const abortOnExit = values['abort-on-container-exit'] === true || exitCodeFrom !== undefined;
    if (abortOnExit && (values.detach === true || values.wait === true)) {
      throw new SlipwayError('usage', `up: ${exitCodeFrom !== undefined ? '--exit-code-from' : '--abort-on-container-exit'} works attached only, not with ${values.detach === true ? '-d' : '--wait'}`, 'Leave out -d / --wait.');
    }
    const attach = attachFlags(args);
    checkAttachFlags(attach, { detach: values.detach === true, wait: values.wait === true });
    const project = await stackProject(ctx, { services: args.positionals });
    if (exitCodeFrom !== undefined && !project.services.includes(exitCodeFrom)) {
      throw new SlipwayError('no_such_service', `up: --exit-code-from: no such service: ${exitCodeFrom}`, `Services in this project: ${project.services.join(', ')}.`);
    }
    await runStackTask(ctx, 'stack.up', upInput(project.projectId, args)).finally(() => (values.timeline === true ? upTimeline(ctx, project.projectId, values) : undefined));
    for (const line of shareLines(await ctx.client().call('shares.status', { projectId: project.projectId }), project.workingDir)) ctx.err(line);
    if (values['no-start'] === true) return 0;
    if (values.watch === true) {
      // Attached, the logs stream between the watch lines, and Ctrl+C stops what was started, as Compose's attached `up --watch`.
      const code = await watchUntilInterrupted(ctx, project, { services: args.positionals, ...(values.detach === true ? {} : { logs: {} }) });
      if (values.detach !== true) await runStackTask(ctx, 'stack.stop', { projectId: project.projectId, ...(args.positionals.length > 0 ? { services: args.positionals } : {}) });
      return code;
    }
    if (values.detach === true || values.wait === true) return 0;
    const timeoutSeconds = secondsFlag('up', '-t', values.timeout);
    const detail = await ctx.client().call('projects.get', { projectId: project.projectId });
    return runAttached(ctx, {
      logServices: attachedServices(detail, attach),
      projectId: project.projectId,
      services: args.positionals,
      abortOnExit,
      ...(exitCodeFrom !== undefined ? { exitCodeFrom } : {}),
      ...(timeoutSeconds !== undefined ? { timeoutSeconds: Math.round(timeoutSeconds) } : {}),
    });
  },
};

/** `up --timeline`: the run's Gantt chart; detached, once every service is ready or failed (up to --wait-timeout, else 60 s). */
async function upTimeline(ctx: Parameters<Command['run']>[0], projectId: string, values: ParsedArgs['values']): Promise<void> {
  const detached = values.detach === true || values.wait === true;
  const waitSeconds = secondsFlag('up', '--wait-timeout', values['wait-timeout']) ?? 60;
  await printTimeline(ctx, projectId, { json: false, ...(detached ? { settleMs: Math.round(waitSeconds * 1000) } : {}) });
}

function attachFlags(args: ParsedArgs): AttachFlags {
  return {
    services: args.positionals,
    attach: stringList(args.values.attach),
    noAttach: stringList(args.values['no-attach']),
    attachDependencies: args.values['attach-dependencies'] === true,
  };
}

/** stack.up's input from up's flags. */
export function upInput(projectId: string, args: ParsedArgs): CallInput<'stack.up'> {
  const values = args.values;
  // -t/--timeout is Compose's shutdown timeout; how long to wait for readiness is --wait-timeout.
  const timeout = secondsFlag('up', '--wait-timeout', values['wait-timeout']);
  const scale = parseScaleArgs('up', values.scale);
  return {
    projectId,
    ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
    wait: values.wait === true,
    removeOrphans: values['remove-orphans'] === true,
    forceRecreate: values['force-recreate'] === true,
    noRecreate: values['no-recreate'] === true,
    renewAnonVolumes: values['renew-anon-volumes'] === true,
    noDeps: values['no-deps'] === true,
    ...imageFlags('up', args),
    ...(values['no-start'] === true ? { noStart: true } : {}),
    ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
    ...(Object.keys(scale).length > 0 ? { scale } : {}),
  };
}
