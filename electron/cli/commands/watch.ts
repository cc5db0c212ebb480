import { isSlipwayError, SlipwayError, toErrorInfo } from '../../../shared/errors';
import type { ProjectSummary } from '../../../shared/contract/projects';
import type { WatchReload } from '../../../shared/contract/watch';
import { describeReload, execOutputLines } from '../../../shared/watch-format';
import type { Command } from '../command';
import type { CliContext } from '../context';
import { followLogs } from '../follow-logs';
import { followProjectFiles } from '../live-file-lines';
import { upUnlessRunning } from '../watch-up';

export const watchCommand: Command = {
  name: 'watch',
  summary: 'Bring the services up unless they run, then watch develop.watch paths and sync, restart, exec or rebuild them',
  usage: 'slipway watch [SERVICE...] [--no-up] [--quiet-ms MS]',
  options: {
    'quiet-ms': { type: 'string' },
    'no-up': { type: 'boolean' },
  },
  async run(ctx, args) {
    const project = await ctx.openProject({ services: args.positionals });
    for (const warning of project.warnings) ctx.err(`warning: ${warning}`);
    const unknown = args.positionals.filter((s) => !project.services.includes(s));
    if (unknown.length > 0) {
      throw new SlipwayError('no_such_service', `no such service: ${unknown.join(', ')} (project ${project.name} has ${project.services.join(', ')})`, 'Check the service names in your compose file.');
    }
    const quietMs = parseQuietMs(args.values['quiet-ms']);
    // Nothing to watch is said before anything starts, as Compose does (`up --watch` watches the project's files all the same).
    await ctx.client().call('watch.plan', { projectId: project.projectId, ...(args.positionals.length > 0 ? { services: args.positionals } : {}) });
    const started = args.values['no-up'] !== true && (await upUnlessRunning(ctx, project.projectId, args.positionals, project.services));
    // The logs of what it started from their beginning; of a stack that already ran, what comes next.
    return watchUntilInterrupted(ctx, project, { services: args.positionals, quietMs, logs: started ? {} : { tail: 0 } });
  },
};

export interface WatchCliOptions {
  services?: string[];
  quietMs?: number | undefined;
  /** Stops the watch (default: SIGINT or SIGTERM). */
  signal?: AbortSignal;
  /** Also stream the services' logs, interleaved with the watch lines (attached `up --watch`, `watch`). */
  logs?: { tail?: number };
}

/**
 * Watches until Ctrl+C: prints one line with "watching" once the watcher is ready, then
 * one line per reload ("web  synced 2 files in 38 ms"), with the services' logs between
 * them when `logs` is given. Used by `watch` and `up --watch`.
 */
export async function watchUntilInterrupted(ctx: CliContext, project: Pick<ProjectSummary, 'projectId' | 'services'>, options: WatchCliOptions = {}): Promise<number> {
  const client = ctx.client();
  const width = Math.max(...project.services.map((s) => s.length));
  const offReload = client.on('watch.reload', (reload) => {
    if (reload.projectId === project.projectId) printReload(ctx, reload, width);
  });
  const offState = client.on('watch.state', (state) => {
    if (state.projectId === project.projectId && state.error) {
      ctx.err(`slipway: ${state.error.message}`);
      if (state.error.hint) ctx.err(state.error.hint);
    }
  });
  const stopped = new Promise<void>((resolve) => {
    if (options.signal) {
      if (options.signal.aborted) resolve();
      options.signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  const stopLogs = new AbortController();
  let logs: Promise<void> | undefined;
  let stopFiles: (() => Promise<void>) | undefined;
  try {
    stopFiles = await followProjectFiles(ctx, project.projectId, options.quietMs);
    const state = await client.call('watch.start', {
      projectId: project.projectId,
      ...(options.services && options.services.length > 0 ? { services: options.services } : {}),
      ...(options.quietMs !== undefined ? { quietMs: options.quietMs } : {}),
    }).catch(unlessNoRules);
    for (const warning of state?.warnings ?? []) ctx.err(`warning: ${warning}`);
    const services = state?.services ?? [];
    if (state) ctx.out(`watching ${services.join(', ')}: ${state.paths?.length ?? 0} path${state.paths?.length === 1 ? '' : 's'}, ready in ${state.readyMs ?? 0} ms (Ctrl+C to stop)`);
    else ctx.out('watching the project files (no develop.watch rules) (Ctrl+C to stop)');
    if (options.logs) logs = followLogs(ctx, project.projectId, { ...options.logs, ...(options.services ? { services: options.services } : {}), signal: stopLogs.signal }).catch((error: unknown) => ctx.err(`slipway: logs: ${toErrorInfo(error).message}`));
    await stopped;
    return 0;
  } finally {
    stopLogs.abort();
    await logs;
    offReload();
    offState();
    await stopFiles?.();
    await client.call('watch.stop', { projectId: project.projectId }).catch(() => undefined);
  }
}

function printReload(ctx: CliContext, reload: WatchReload, width: number): void {
  const name = reload.service.padEnd(width);
  const prefix = ctx.color ? `\u001b[1m${name}\u001b[22m` : name;
  const line = `${prefix}  ${describeReload(reload)}`;
  ctx.out(reload.ok || !ctx.color ? line : `\u001b[31m${line}\u001b[39m`);
  // What sync+exec commands printed, each line under the service's name.
  for (const exec of reload.exec ?? []) for (const text of execOutputLines(exec)) ctx.out(`${prefix}  ${text}`);
  if (!reload.ok && reload.error?.hint) ctx.out(`${' '.repeat(width)}  ${reload.error.hint}`);
}

/** No develop.watch rules is not an error for `up --watch`: the project's own files are watched all the same. */
function unlessNoRules(error: unknown): undefined {
  if (isSlipwayError(error) && error.code === 'watch_no_rules') return undefined;
  throw error;
}

function parseQuietMs(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) > 10_000) {
    throw new SlipwayError('usage', `watch: --quiet-ms takes a number of milliseconds (0-10000), not "${text}"`, 'Example: slipway watch --quiet-ms 100');
  }
  return Number(text);
}
