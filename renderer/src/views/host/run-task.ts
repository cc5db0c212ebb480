import type { SlipwayClient } from '../../../../shared/client';
import type { Envelope } from '../../../../shared/envelope';
import type { ErrorInfo } from '../../../../shared/errors';

export interface TaskOutcome {
  ok: boolean;
  error?: ErrorInfo;
  result?: unknown;
}

/**
 * Starts a task call and resolves when its task.done arrives, reporting task.progress on
 * the way. Listens before calling: a fast task can finish before the call answers.
 */
export function runTask(client: SlipwayClient, start: () => Promise<Envelope<{ taskId: string }>>, onProgress: (message: string) => void = () => undefined): Promise<TaskOutcome> {
  return new Promise((resolve) => {
    let taskId: string | undefined;
    const early: { taskId: string; outcome: TaskOutcome }[] = [];
    const cleanup: (() => void)[] = [];
    const finish = (outcome: TaskOutcome): void => {
      for (const off of cleanup) off();
      resolve(outcome);
    };
    cleanup.push(
      client.on('task.progress', (p) => {
        if (p.taskId === taskId) onProgress(p.message);
      }),
      client.on('task.done', (d) => {
        const outcome: TaskOutcome = { ok: d.ok, ...(d.error ? { error: d.error } : {}), ...(d.result !== undefined ? { result: d.result } : {}) };
        if (taskId === undefined) early.push({ taskId: d.taskId, outcome });
        else if (d.taskId === taskId) finish(outcome);
      }),
    );
    start().then(
      (answer) => {
        if (!answer.ok) return finish({ ok: false, error: answer.error });
        taskId = answer.value.taskId;
        const done = early.find((e) => e.taskId === taskId);
        if (done) finish(done.outcome);
      },
      (error: unknown) => finish({ ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } }),
    );
  });
}
