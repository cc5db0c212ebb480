import { randomUUID } from 'node:crypto';
import { taskResultSchema } from '../../../shared/contract';
import type { TaskProgress } from '../../../shared/contract/tasks';
import { SlipwayError, toErrorInfo } from '../../../shared/errors';
import type { CoreEvents } from '../events';

export interface TaskContext {
  taskId: string;
  signal: AbortSignal;
  progress(update: Omit<TaskProgress, 'taskId' | 'kind' | 'projectId'>): void;
}

interface RunningTask {
  kind: string;
  controller: AbortController;
}

/** Long work with an id, progress events and cancel. */
export class TaskRunner {
  private readonly running = new Map<string, RunningTask>();

  /** `explain` may put a failed task's error in the user's words (given the task's kind) before task.done carries it. */
  constructor(
    private readonly events: CoreEvents,
    private readonly explain: (error: unknown, kind: string) => unknown = (error) => error,
  ) {}

  /** Starts work in the background and returns its id at once. */
  start<T>(kind: string, work: (ctx: TaskContext) => Promise<T>, projectId?: string): string {
    const taskId = randomUUID();
    // A failure is reported by task.done; it must not become an unhandled rejection.
    this.run(taskId, kind, work, projectId).catch(() => undefined);
    return taskId;
  }

  /** Runs work as a task and waits for it (the CLI's way). */
  async run<T>(taskId: string, kind: string, work: (ctx: TaskContext) => Promise<T>, projectId?: string): Promise<T> {
    const controller = new AbortController();
    this.running.set(taskId, { kind, controller });
    const base = projectId === undefined ? { taskId, kind } : { taskId, kind, projectId };
    const ctx: TaskContext = {
      taskId,
      signal: controller.signal,
      progress: (update) => this.events.emit('task.progress', { ...base, ...update }),
    };
    try {
      const result = await work(ctx);
      this.events.emit('task.done', { ...base, ok: true, result: checkedResult(kind, result) });
      return result;
    } catch (error) {
      const explained = await this.explain(error, kind);
      this.events.emit('task.done', { ...base, ok: false, error: toErrorInfo(explained) });
      throw explained;
    } finally {
      this.running.delete(taskId);
    }
  }

  cancel(taskId: string): void {
    const task = this.running.get(taskId);
    if (!task) throw new SlipwayError('task_not_found', `No running task ${taskId}`, 'It may have finished already.');
    task.controller.abort(cancelledError(task.kind));
  }

  cancelAll(): void {
    for (const task of this.running.values()) task.controller.abort(cancelledError(task.kind));
  }
}

/** A task's kind in the user's words: `up` for stack.up, `build` for images.build (the room left out). */
export function taskWord(kind: string): string {
  return kind.replace(/^\w+\./, '');
}

/** What a cancelled task says: `up cancelled`, `build cancelled`. */
function cancelledError(kind: string): SlipwayError {
  return new SlipwayError('cancelled', `${taskWord(kind)} cancelled`);
}

/** A task call's result as the contract declares it (calls[kind].result): what runTask resolves with. */
function checkedResult(kind: string, result: unknown): unknown {
  const schema = taskResultSchema(kind);
  if (!schema) return result;
  const checked = schema.safeParse(result);
  if (!checked.success) throw new SlipwayError('internal', `The engine finished ${kind} with an unexpected result`);
  return checked.data;
}
