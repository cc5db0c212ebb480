import type { CallInput, TaskResult } from '../../shared/contract';
import type { BuildResult, PushResult } from '../../shared/contract/images';
import type { TaskProgress } from '../../shared/contract/tasks';
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
    return await ctx.client().runTask(name, input, imagesProgressPrinter(ctx), { signal: abort.signal });
  } finally {
    process.off('SIGINT', cancel);
    signal?.removeEventListener('abort', cancel);
  }
}

/** Build steps and their output as they come; push layers only when their status changes. */
export function imagesProgressPrinter(ctx: CliContext, write: (line: string) => void = (line) => ctx.err(line)): (p: TaskProgress) => void {
  const lastStatus = new Map<string, string>();
  return (p) => {
    const subject = p.subject ?? '';
    const slash = subject.indexOf('/');
    if (slash > 0) {
      if (lastStatus.get(subject) === p.message) return;
      lastStatus.set(subject, p.message);
      write(`[${subject.slice(0, slash)}] ${subject.slice(slash + 1)}: ${p.message}`);
      return;
    }
    write(subject ? `[${subject}] ${p.message}` : p.message);
  };
}

export async function buildProject(ctx: CliContext, projectId: string, options: { services?: string[]; noCache?: boolean; pull?: boolean }, signal?: AbortSignal): Promise<BuildResult> {
  const input = {
    projectId,
    ...(options.services && options.services.length > 0 ? { services: options.services } : {}),
    ...(options.noCache ? { noCache: true } : {}),
    ...(options.pull ? { pull: true } : {}),
  };
  return runImagesTask(ctx, 'images.build', input, signal);
}

export async function pushProject(ctx: CliContext, projectId: string, services: string[]): Promise<PushResult> {
  return runImagesTask(ctx, 'images.push', { projectId, ...(services.length > 0 ? { services } : {}) });
}
