import type { CallInput, TaskResult } from '../../shared/contract';
import type { BuildResult, PullResult, PushResult } from '../../shared/contract/images';
import type { TaskProgress } from '../../shared/contract/tasks';
import type { CliContext } from './context';
import { interruptSignal } from './interrupt';

type ImagesTask = 'images.build' | 'images.push' | 'images.pull';

/**
 * Runs an images task through the contract client, as the dashboard does: prints its
 * progress on stderr (steps, step output, layer status changes), cancels it on Ctrl+C or
 * when `signal` aborts, and rejects with its SlipwayError (one line, no stack trace).
 */
export async function runImagesTask<N extends ImagesTask>(ctx: CliContext, name: N, input: CallInput<N>, signal?: AbortSignal, printer: (p: TaskProgress) => void = imagesProgressPrinter(ctx)): Promise<TaskResult<N>> {
  const interrupt = interruptSignal(signal);
  try {
    return await ctx.client().runTask(name, input, printer, { signal: interrupt.signal });
  } finally {
    interrupt.dispose();
  }
}

/** Build steps and their output as they come; pushed and pulled layers only when their status changes. */
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

export async function pullProject(ctx: CliContext, input: CallInput<'images.pull'>): Promise<PullResult> {
  return runImagesTask(ctx, 'images.pull', input, undefined, input.quiet ? () => undefined : imagesProgressPrinter(ctx));
}
