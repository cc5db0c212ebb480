import type { CallInput, CallName, CallOutput, EventName, EventPayload, TaskCallName, TaskResult } from './contract';
import type { TaskDone, TaskProgress } from './contract/tasks';
import { SlipwayError } from './errors';

export interface RunTaskOptions {
  /** Aborting it cancels the task (tasks.cancel); the task then rejects with code `cancelled`. */
  signal?: AbortSignal;
  /** The task's id, as soon as the call answered. */
  onStarted?(taskId: string): void;
}

/** The part of the client runTask is written against. */
export interface CallsAndEvents {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Events kept while the task's id is not known yet (a fast task can finish before its call answers). */
const MAX_EARLY_PROGRESS = 1000;

type Early = { kind: 'progress'; event: TaskProgress } | { kind: 'done'; event: TaskDone };

/**
 * Starts a task and waits for its task.done. Listens before calling, keeps the task events
 * that arrive before the id is known and replays this task's ones, reports progress,
 * resolves with the result or rejects with the task's SlipwayError, and turns an abort of
 * `options.signal` into tasks.cancel.
 */
export function runTask<N extends TaskCallName>(
  client: CallsAndEvents,
  name: N,
  input: CallInput<N>,
  onProgress: (progress: TaskProgress) => void = () => undefined,
  options: RunTaskOptions = {},
): Promise<TaskResult<N>> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new SlipwayError('cancelled', `${name} cancelled`));
  return new Promise<TaskResult<N>>((resolve, reject) => {
    let taskId: string | undefined;
    let settled = false;
    let early: Early[] = [];
    let earlyProgress = 0;

    const cancel = (): void => {
      // Before the id is known there is nothing to cancel yet: done once it is.
      if (taskId === undefined || settled) return;
      // A task that already finished answers task_not_found: its task.done settles us anyway.
      client.call('tasks.cancel', { taskId }).catch(() => undefined);
    };
    const offs = [
      client.on('task.progress', (event) => {
        if (taskId === undefined) {
          if (earlyProgress++ < MAX_EARLY_PROGRESS) early.push({ kind: 'progress', event });
        } else if (event.taskId === taskId && !settled) {
          onProgress(event);
        }
      }),
      client.on('task.done', (event) => {
        if (taskId === undefined) early.push({ kind: 'done', event });
        else if (event.taskId === taskId) finish(event);
      }),
    ];
    signal?.addEventListener('abort', cancel);

    function cleanup(): void {
      settled = true;
      early = [];
      for (const off of offs) off();
      signal?.removeEventListener('abort', cancel);
    }
    function finish(done: TaskDone): void {
      if (settled) return;
      cleanup();
      if (done.ok) resolve(taskResult(name, { ...done, ok: true }));
      else reject(SlipwayError.from(done.error ?? { code: 'internal', message: `${name} failed` }));
    }

    client.call(name, input).then(
      (started) => {
        taskId = started.taskId;
        const kept = early;
        early = [];
        options.onStarted?.(started.taskId);
        for (const item of kept) {
          if (item.event.taskId !== started.taskId) continue;
          if (item.kind === 'done') finish(item.event);
          else if (!settled) onProgress(item.event);
        }
        if (signal?.aborted) cancel();
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

/**
 * The result that a successful task.done of the task call `name` carries, typed: the one place
 * it gets its type. The core's task runner checked it against calls[name].result before
 * sending it. For a task followed by its events (started elsewhere), check `done.kind` first.
 */
export function taskResult<N extends TaskCallName>(_name: N, done: TaskDone & { ok: true }): TaskResult<N> {
  return done.result as TaskResult<N>;
}
