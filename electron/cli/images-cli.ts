import { SlipwayError } from '../../shared/errors';
import type { BuildResult, PushResult } from '../../shared/contract/images';
import type { TaskDone, TaskProgress } from '../../shared/contract/tasks';
import type { Project } from '../../shared/model/project';
import type { SlipwayCore } from '../core/slipway-core';
import type { CliContext } from './context';

type ImagesTask = 'images.build' | 'images.push';

/**
 * Starts a task through the contract and waits for its task.done, handing on its progress
 * events (those that come before the task id is known are kept, then replayed).
 * `onStarted` gets the id as soon as it is known. A refused call throws its SlipwayError.
 */
export async function callTask(
  core: SlipwayCore,
  name: ImagesTask,
  input: Record<string, unknown>,
  onProgress: (p: TaskProgress, taskId: string) => void,
  onStarted?: (taskId: string) => void,
): Promise<TaskDone> {
  let taskId: string | undefined;
  const early: Array<TaskProgress | TaskDone> = [];
  let settle: (done: TaskDone) => void = () => undefined;
  const finished = new Promise<TaskDone>((resolve) => {
    settle = resolve;
  });
  const offProgress = core.events.on('task.progress', (p) => {
    if (taskId === undefined) early.push(p);
    else if (p.taskId === taskId) onProgress(p, taskId);
  });
  const offDone = core.events.on('task.done', (d) => {
    if (taskId === undefined) early.push(d);
    else if (d.taskId === taskId) settle(d);
  });
  try {
    const answer = await core.call(name, input);
    if (!answer.ok) throw new SlipwayError(answer.error.code, answer.error.message, answer.error.hint);
    const id = (answer.value as { taskId: string }).taskId;
    taskId = id;
    for (const event of early) {
      if (event.taskId !== id) continue;
      if ('ok' in event) settle(event);
      else onProgress(event, id);
    }
    onStarted?.(id);
    return await finished;
  } finally {
    offProgress();
    offDone();
  }
}

/**
 * Runs an images task through the contract, as the dashboard does: prints its progress
 * on stderr (steps, step output, layer status changes), cancels it on Ctrl+C or when
 * `signal` aborts, and turns a failure into a SlipwayError (one line, no stack trace).
 */
async function runImagesTask<R>(ctx: CliContext, name: ImagesTask, input: Record<string, unknown>, signal?: AbortSignal): Promise<R> {
  const core = ctx.core();
  const print = progressPrinter(ctx);
  let taskId: string | undefined;
  const cancel = () => {
    if (taskId !== undefined) {
      try {
        core.tasks.cancel(taskId);
      } catch {
        // already finished
      }
    }
  };
  process.once('SIGINT', cancel);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    const done = await callTask(core, name, input, print, (id) => {
      taskId = id;
      if (signal?.aborted) cancel();
    });
    if (!done.ok) {
      const error = done.error ?? { code: 'internal', message: `${name} failed` };
      throw new SlipwayError(error.code, error.message, error.hint);
    }
    return done.result as R;
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
  const input: Record<string, unknown> = { projectId: project.name };
  if (options.services && options.services.length > 0) input.services = options.services;
  if (options.noCache) input.noCache = true;
  if (options.pull) input.pull = true;
  return runImagesTask<BuildResult>(ctx, 'images.build', input, signal);
}

export async function pushProject(ctx: CliContext, project: Project, services: string[]): Promise<PushResult> {
  const input: Record<string, unknown> = { projectId: project.name };
  if (services.length > 0) input.services = services;
  return runImagesTask<PushResult>(ctx, 'images.push', input);
}

/** The builder `up --build` plugs in: builds the given services, printing as `slipway build` does. */
export function upBuildHook(ctx: CliContext, project: Project): (services: string[], signal?: AbortSignal) => Promise<void> {
  return async (services, signal) => {
    if (services.length === 0) return;
    await buildProject(ctx, project, { services }, signal);
  };
}
