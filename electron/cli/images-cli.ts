import type { CallInput, TaskResult } from '../../shared/contract';
import type { BuildResult, PullResult, PushResult } from '../../shared/contract/images';
import type { TaskProgress } from '../../shared/contract/tasks';
import type { CliContext } from './context';
import { imagesSinkPrinter } from './images-live';
import { interruptSignal } from './interrupt';
import { LiveProgress } from './live-progress';

type ImagesTask = 'images.build' | 'images.push' | 'images.pull';

const OPERATION: Record<ImagesTask, string> = { 'images.build': 'Building', 'images.push': 'Pushing', 'images.pull': 'Pulling' };

/**
 * Runs an images task through the contract client, as the dashboard does: prints its
 * progress on stderr — in place on a terminal (a line per service, layer and step), plain
 * lines when piped (steps, step output, layer status changes) — cancels it on Ctrl+C or
 * when `signal` aborts, and rejects with its SlipwayError (one line, no stack trace).
 */
export async function runImagesTask<N extends ImagesTask>(ctx: CliContext, name: N, input: CallInput<N>, signal?: AbortSignal, printer?: (p: TaskProgress) => void): Promise<TaskResult<N>> {
  const interrupt = interruptSignal(signal);
  const live = printer === undefined && ctx.liveProgress ? new LiveProgress(ctx.stderr, { operation: OPERATION[name], color: ctx.stderrColor }) : undefined;
  try {
    return await ctx.client().runTask(name, input, printer ?? (live ? imagesSinkPrinter(live) : imagesProgressPrinter(ctx)), { signal: interrupt.signal });
  } finally {
    live?.done();
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
  return runImagesTask(ctx, 'images.pull', input, undefined, input.quiet ? () => undefined : undefined);
}
