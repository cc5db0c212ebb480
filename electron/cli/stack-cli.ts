import { SlipwayError, isSlipwayError } from '../../shared/errors';
import type { Project } from '../../shared/model/project';
import type { ServicesOptions, StackCore, StackProgress } from '../core/stack';
import type { Command } from './command';
import type { CliContext } from './context';
import { loadProjectOrName, unreachable } from './project-target';

/**
 * The project for stack commands: the loaded compose project; for commands that can work
 * from labels alone (down, ps, stop), `-p NAME` without a compose file gives an empty
 * project of that name.
 */
export async function stackProject(ctx: CliContext, options: { nameOnly?: boolean; services?: readonly string[] } = {}): Promise<{ project: Project; fromFile: boolean }> {
  const services = options.services ?? [];
  const loaded = options.nameOnly ? await loadProjectOrName(ctx, services) : { project: await ctx.loadProject(services) };
  if ('project' in loaded) {
    for (const warning of loaded.project.warnings) ctx.err(`warning: ${warning}`);
    return { project: loaded.project, fromFile: true };
  }
  const { name } = loaded;
  return {
    project: { name, workingDir: ctx.cwd, configFiles: [], profiles: [], model: { name, services: {} }, disabledServices: {}, warnings: [] },
    fromFile: false,
  };
}

/** Prints progress as Compose does: ` Container proj-db-1  Healthy` (on stderr, like Compose). */
export function progressPrinter(ctx: CliContext): (p: StackProgress) => void {
  return (p) => {
    if (p.kind === 'Warning') {
      ctx.err(`warning: ${p.status}`);
      return;
    }
    if (p.kind === 'Image' && p.status !== 'Pulling' && p.status !== 'Pulled') return;
    ctx.err(` ${p.kind} ${p.name}  ${p.status}`);
  };
}

/** Seconds from a flag (`-t 5`, `--timeout 30`), or a usage error naming the flag. */
export function secondsFlag(command: string, flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new SlipwayError('usage', `${command}: ${flag} takes a number of seconds, not "${text}"`, `Example: slipway ${command} ${flag} 30`);
  }
  return Number(text);
}

/** Runs engine work; a socket that cannot be reached becomes one line saying where and what to do. */
export async function withEngine<T>(ctx: CliContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!isSlipwayError(error) && code && ['ECONNREFUSED', 'ENOENT', 'EACCES', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(code)) {
      const { host } = ctx.core().docker();
      throw unreachable(host.url, host.source, error);
    }
    throw error;
  }
}

/**
 * `start`, `stop`, `restart`: one action on all or the named services, with progress;
 * `-t S` when the action stops containers.
 */
export function servicesCommand(
  spec: Pick<Command, 'name' | 'summary'> & { timeout: boolean },
  action: (core: StackCore, project: Project, options: ServicesOptions) => Promise<unknown>,
): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: `slipway ${spec.name} [SERVICE...]${spec.timeout ? ' [-t S]' : ''}`,
    options: spec.timeout ? { timeout: { type: 'string', short: 't' } } : {},
    async run(ctx, args) {
      return withEngine(ctx, async () => {
        const { project } = await stackProject(ctx, { services: args.positionals });
        const timeoutSeconds = spec.timeout ? secondsFlag(spec.name, '-t', args.values.timeout) : undefined;
        await action(ctx.core(), project, {
          ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
          ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
          onProgress: progressPrinter(ctx),
        });
        return 0;
      });
    },
  };
}
