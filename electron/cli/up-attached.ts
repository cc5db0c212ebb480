import type { ProjectState } from '../../shared/model/state';
import type { CliContext } from './context';
import { followLogs } from './commands/logs';
import { runStackTask } from './stack-cli';
import { INTERRUPTED_EXIT_CODE, untilInterrupted } from './interrupt';
import { followUntilStopped } from './abort-logs';

export interface AttachedOptions {
  projectId: string;
  services: string[];
  /** `--abort-on-container-exit` (or `--exit-code-from`): a container's exit stops the others. */
  abortOnExit: boolean;
  /** `--exit-code-from SERVICE`: up's exit code is that service's. */
  exitCodeFrom?: string;
  /** `-t`: the stop timeout when stopping. */
  timeoutSeconds?: number;
  /** The services whose logs are shown (`--attach`, `--no-attach`, `--attach-dependencies`); none: no logs, only waiting. */
  logServices: string[];
}

/** The attached services' logs followed until Ctrl+C (then 130, as Compose) or `signal`; with none attached, just waits as Compose does. */
function followAttached(ctx: CliContext, services: string[], signal?: AbortSignal): Promise<number> {
  if (services.length === 0) return untilInterrupted(signal).then((interrupted) => (interrupted ? INTERRUPTED_EXIT_CODE : 0));
  return followLogs(ctx, { values: { follow: true }, positionals: services }, signal);
}

/** The first container found exited in a project state: its service and exit code. */
function firstExit(state: ProjectState, services: string[]): { service: string; exitCode: number } | undefined {
  for (const service of state.services) {
    if (services.length > 0 && !services.includes(service.service)) continue;
    const exited = service.containers.find((c) => c.state === 'exited' || c.state === 'dead');
    if (exited) return { service: service.service, exitCode: exited.exitCode ?? 0 };
  }
  return undefined;
}

/** Compose's first line of an attached up: `Attaching to db-1, web-1` (names without the project). */
async function sayAttaching(ctx: CliContext, projectId: string, services: string[]): Promise<void> {
  if (services.length === 0) return;
  const rows = await ctx.client().call('stack.ps', { projectId, services, all: true });
  const names = rows.map((r) => (r.project && r.container.startsWith(`${r.project}-`) ? r.container.slice(r.project.length + 1) : r.container)).sort();
  if (names.length > 0) ctx.out(`Attaching to ${names.join(', ')}`);
}

/**
 * Attached `up`, as Compose: the logs followed until Ctrl+C, then what was started is
 * stopped. With abortOnExit, the first container to exit stops the others too, and up
 * exits with its code (or, with exitCodeFrom, with that service's).
 */
export async function runAttached(ctx: CliContext, options: AttachedOptions): Promise<number> {
  const client = ctx.client();
  const scope = options.services.length > 0 ? { services: options.services } : {};
  const stopArgs = { projectId: options.projectId, ...scope, ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}) };
  await sayAttaching(ctx, options.projectId, options.logServices);
  if (!options.abortOnExit) {
    const code = await followAttached(ctx, options.logServices);
    await runStackTask(ctx, 'stack.stop', stopArgs);
    return code;
  }
  const detach = new AbortController();
  let exit: { service: string; exitCode: number } | undefined;
  let stopping: Promise<void> | undefined;
  const reported = new Set<string>();
  const onState = (state: ProjectState) => {
    if (state.projectId !== options.projectId) return;
    // As Compose's attached mode: `proj-tests-1 exited with code 5`, once per container.
    for (const service of state.services) {
      for (const c of service.containers) {
        if ((c.state !== 'exited' && c.state !== 'dead') || reported.has(c.id)) continue;
        reported.add(c.id);
        ctx.out(`${c.name} exited with code ${c.exitCode ?? 0}`);
      }
    }
    if (exit !== undefined) return;
    exit = firstExit(state, options.services);
    if (exit === undefined) return;
    ctx.out('Aborting on container exit...');
    // The others are stopped while the logs are still followed, so their last lines show.
    stopping = runStackTask(ctx, 'stack.stop', stopArgs).finally(() => detach.abort());
  };
  const off = client.on('state.changed', (event) => onState(event.state));
  try {
    onState(await client.call('state.snapshot', { projectId: options.projectId }));
    // Following ends when the others are stopped, or on Ctrl+C (then they are stopped below).
    const endFollow = new AbortController();
    const interrupted = untilInterrupted(detach.signal).then(() => endFollow.abort());
    if (options.logServices.length > 0) await followUntilStopped(ctx, options.projectId, options.logServices, endFollow.signal);
    else await interrupted;
    if (stopping) await stopping;
    else await runStackTask(ctx, 'stack.stop', stopArgs);
  } finally {
    off();
  }
  if (options.exitCodeFrom !== undefined) {
    const rows = await client.call('stack.ps', { projectId: options.projectId, services: [options.exitCodeFrom], all: true });
    return rows[0]?.exitCode ?? 0;
  }
  return exit?.exitCode ?? 0;
}
