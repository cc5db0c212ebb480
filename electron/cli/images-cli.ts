import type { CallInput, TaskResult } from '../../shared/contract';
import type { BuildResult, PushResult } from '../../shared/contract/images';
import type { TaskProgress } from '../../shared/contract/tasks';
import type { Project } from '../../shared/model/project';
import type { CliContext } from './context';

type ImagesTask = 'images.build' | 'images.push';

/**
 * Runs an images task through the contract client, as the dashboard does: prints its
 * progress on stderr (steps, step output, layer status changes), cancels it on Ctrl+C or
 * when `signal` aborts, and rejects with its SlipwayError (one line, no stack trace).
 */
export async function runImagesTask<N extends ImagesTask>(ctx: CliContext, name: N, input: CallInput<N>, signal?: AbortSignal): Promise<TaskResult<N>> {
  const abort = new AbortController();
  const cancel = () => abort.abort();
  process.once('SIGINT', cancel);
  signal?.addEventListener('abort', cancel, { once: true });
  if (signal?.aborted) cancel();
  try {
    return await ctx.core().client().runTask(name, input, progressPrinter(ctx), { signal: abort.signal });
  } finally {
    process.off('SIGINT', cancel);
    signal?.removeEventListener('abort', cancel);
  }
}

/** Build steps and their output as they come; push layers only when their status changes. */
function progressPrinter(ctx: CliContext): (p: TaskProgress) => void {
  const lastStatus = new Map<string, string>();
  return (p) => {
    const subject = p.subject ?? '';
    const slash = subject.indexOf('/');
    if (slash > 0) {
      if (lastStatus.get(subject) === p.message) return;
      lastStatus.set(subject, p.message);
      ctx.err(`[${subject.slice(0, slash)}] ${subject.slice(slash + 1)}: ${p.message}`);
      return;
    }
    ctx.err(subject ? `[${subject}] ${p.message}` : p.message);
  };
}

export async function buildProject(ctx: CliContext, project: Project, options: { services?: string[]; noCache?: boolean; pull?: boolean }, signal?: AbortSignal): Promise<BuildResult> {
  const input = {
    projectId: project.name,
    ...(options.services && options.services.length > 0 ? { services: options.services } : {}),
    ...(options.noCache ? { noCache: true } : {}),
    ...(options.pull ? { pull: true } : {}),
  };
  return runImagesTask(ctx, 'images.build', input, signal);
}

export async function pushProject(ctx: CliContext, project: Project, services: string[]): Promise<PushResult> {
  return runImagesTask(ctx, 'images.push', { projectId: project.name, ...(services.length > 0 ? { services } : {}) });
}

/** The builder `up --build` plugs in: builds the given services, printing as `slipway build` does. */
export function upBuildHook(ctx: CliContext, project: Project): (services: string[], signal?: AbortSignal) => Promise<void> {
  return async (services, signal) => {
    if (services.length === 0) return;
    await buildProject(ctx, project, { services }, signal);
  };
}
