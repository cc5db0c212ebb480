import type Docker from 'dockerode';
import { parseDurationMs } from '../../../shared/duration';
import { SlipwayError } from '../../../shared/errors';
import type { WatchExecOutput, WatchReloadAction } from '../../../shared/contract/watch';
import type { Project } from '../../../shared/model/project';
import { shellSplit } from '../compose/shell-split';
import { envList, execInContainer } from './container-exec';
import type { RebuildDriver } from './rebuild';
import type { RunningContainer, ServiceContainers } from './service-containers';
import { syncIntoContainer, type SyncChange } from './sync-files';
import { containerPath, type PlannedRule } from './watch-plan';

/** The paths of one batch that one rule matched. */
export interface RuleMatch {
  planned: PlannedRule;
  paths: string[];
}

export interface ReloadContext {
  docker: Docker;
  project: Project;
  containers: ServiceContainers;
  rebuild: RebuildDriver;
  /** Cancels the reload's long work (a rebuild's build and recreate). */
  signal: AbortSignal;
  /** Called with what was copied into a container, so a recreated container can get it again. */
  onSynced?: (service: string, changes: SyncChange[]) => void;
  /** Called with each exec command's output, before a failure is thrown. */
  onExec?: (output: WatchExecOutput) => void;
}

export interface ReloadOutcome {
  action: WatchReloadAction;
  /** True when every sync rule involved is bind-mounted (nothing was copied). */
  bindMounted: boolean;
}

/** The action a batch amounts to: the strongest of its rules (rebuild > restart > exec > sync). */
export function batchAction(matches: RuleMatch[]): WatchReloadAction {
  const actions = new Set(matches.map((m) => m.planned.rule.action));
  if (actions.has('rebuild')) return 'rebuild';
  if (actions.has('sync+restart')) return 'sync+restart';
  if (actions.has('restart')) return 'restart';
  if (actions.has('sync+exec')) return 'sync+exec';
  return 'sync';
}

/**
 * Runs Compose's develop.watch action for one service's batch: rebuild replaces
 * everything else; otherwise files are synced (unless bind-mounted), then the service
 * restarts once and exec commands run.
 */
export async function runReload(ctx: ReloadContext, service: string, matches: RuleMatch[]): Promise<ReloadOutcome> {
  const action = batchAction(matches);
  const syncMatches = matches.filter((m) => m.planned.rule.action.startsWith('sync'));
  const bindMounted = syncMatches.length > 0 && syncMatches.every((m) => m.planned.bindMounted);
  if (action === 'rebuild') {
    await ctx.rebuild.rebuild(ctx.project, service, ctx.signal);
    return { action, bindMounted: false };
  }
  const containers = await withFreshContainers(ctx, service, async (list) => {
    const changes = syncChanges(syncMatches.filter((m) => !m.planned.bindMounted));
    if (changes.length > 0) {
      await Promise.all(list.map((c) => syncIntoContainer(ctx.docker, c.id, changes)));
      ctx.onSynced?.(service, changes);
    }
    return list;
  });
  if (action === 'sync+restart' || action === 'restart') {
    const grace = parseDurationMs(ctx.project.model.services[service]?.stop_grace_period);
    await Promise.all(containers.map((c) => ctx.docker.getContainer(c.id).restart(grace === undefined ? {} : { t: Math.ceil(grace / 1000) })));
  }
  for (const match of matches) {
    const exec = match.planned.rule.exec;
    if (match.planned.rule.action !== 'sync+exec' || !exec) continue;
    for (const container of containers) {
      const raw = exec.command as string[] | string;
      const command = typeof raw === 'string' ? shellSplit(raw) : raw;
      const result = await execInContainer(ctx.docker, container.id, {
        command,
        ...(exec.user ? { user: exec.user } : {}),
        ...(exec.working_dir ? { workingDir: exec.working_dir } : {}),
        env: envList(exec.environment),
        ...(exec.privileged ? { privileged: true } : {}),
      });
      ctx.onExec?.({ container: container.name, command, exitCode: result.exitCode, output: result.output });
      if (result.exitCode !== 0) {
        throw new SlipwayError(
          'watch_exec_failed',
          `${command.join(' ')} exited with ${result.exitCode} in ${container.name}${result.output ? `: ${lastLine(result.output)}` : ''}`,
          'Fix the reload command in develop.watch exec.command; it runs again on the next save.',
        );
      }
    }
  }
  return { action, bindMounted };
}

/** Host paths → container paths, for the sync rules of a batch. */
export function syncChanges(matches: RuleMatch[]): SyncChange[] {
  const byTarget = new Map<string, SyncChange>();
  for (const match of matches) {
    if (!match.planned.rule.target) continue;
    for (const hostPath of match.paths) {
      const target = containerPath(match.planned.rule, hostPath);
      byTarget.set(target, { hostPath, containerPath: target });
    }
  }
  return [...byTarget.values()];
}

/** Runs `work` on the service's running containers, once more with a fresh list if a cached id went stale. */
async function withFreshContainers<T>(ctx: ReloadContext, service: string, work: (list: RunningContainer[]) => Promise<T>): Promise<T> {
  const attempt = async () => {
    const list = await ctx.containers.running(service);
    if (list.length === 0) {
      throw new SlipwayError('watch_no_container', `Service ${service} has no running container to reload`, `Start it (slipway up ${service}); the watcher acts on the next save.`);
    }
    return work(list);
  };
  try {
    return await attempt();
  } catch (error) {
    if (!isStale(error)) throw error;
    ctx.containers.invalidate(service);
    return attempt();
  }
}

function isStale(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  const message = error instanceof Error ? error.message : '';
  return status === 404 || status === 409 || /no such container|is not running/i.test(message);
}

function lastLine(output: string): string {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}
