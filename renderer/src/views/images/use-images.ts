import { useCallback, useEffect, useRef, useState } from 'react';
import type { SlipwayClient } from '../../../../shared/client';
import type { BuildResult, PushResult, ServiceImage } from '../../../../shared/contract/images';
import type { TaskDone, TaskProgress } from '../../../../shared/contract/tasks';
import type { ErrorInfo } from '../../../../shared/errors';
import { applyProgress, type ServiceProgress } from './images-progress';

export type ImagesAction = 'build' | 'push';

export interface RunningTask {
  action: ImagesAction;
  /** A service, or undefined for all of them (or unknown, for a task started elsewhere). */
  service?: string;
  taskId?: string;
}

export interface Outcome {
  ok: boolean;
  title: string;
  error?: ErrorInfo;
}

export interface ImagesState {
  images: ServiceImage[];
  loaded: boolean;
  listError?: ErrorInfo;
  running?: RunningTask;
  progress: Record<string, ServiceProgress>;
  outcome?: Outcome;
}

const actionOf = (kind: string): ImagesAction | undefined => (kind === 'images.build' ? 'build' : kind === 'images.push' ? 'push' : undefined);

/**
 * The Images panel's state: the services' images (images.list), the build or push task of
 * this project — started here or elsewhere (the tray) — with its progress per service and
 * layer, and how the last one ended.
 */
export function useImages(client: SlipwayClient, projectId: string) {
  const [state, setState] = useState<ImagesState>({ images: [], loaded: false, progress: {} });
  const running = useRef<RunningTask | undefined>(undefined);

  const refresh = useCallback(() => {
    void client.call('images.list', { projectId }).then((answer) => {
      setState((s) => (answer.ok ? { ...s, images: answer.value, loaded: true, listError: undefined } : { ...s, loaded: true, listError: answer.error }));
    });
  }, [client, projectId]);

  const finish = useCallback(
    (task: RunningTask, done: Pick<TaskDone, 'ok' | 'error' | 'result'>) => {
      running.current = undefined;
      setState((s) => ({ ...s, running: undefined, outcome: outcomeOf(task.action, task.service, done) }));
      refresh();
    },
    [refresh],
  );

  useEffect(() => {
    refresh();
    // A chatty step (npm install) prints thousands of lines: fold them in ~20 times a second.
    let queued: TaskProgress[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = queued;
      queued = [];
      if (batch.length === 0) return;
      setState((s) => ({ ...s, progress: batch.reduce((acc, p) => applyProgress(acc, actionOf(p.kind) ?? 'build', p), s.progress) }));
    };
    const ours = (event: { kind: string; projectId?: string }) => event.projectId === projectId && actionOf(event.kind) !== undefined;
    const offProgress = client.on('task.progress', (p) => {
      if (!ours(p)) return;
      const task = running.current;
      if (!task) {
        // Started elsewhere: follow it.
        const followed: RunningTask = { action: actionOf(p.kind) ?? 'build', taskId: p.taskId };
        running.current = followed;
        setState((s) => ({ ...s, running: followed, outcome: undefined, progress: {} }));
      } else if (task.taskId === undefined) {
        task.taskId = p.taskId;
      } else if (task.taskId !== p.taskId) {
        return;
      }
      queued.push(p);
      timer ??= setTimeout(flush, 50);
    });
    const offDone = client.on('task.done', (d) => {
      if (!ours(d)) return;
      const task = running.current;
      if (task && (task.taskId === undefined || task.taskId === d.taskId)) {
        if (timer !== undefined) clearTimeout(timer);
        flush();
        finish(task, d);
      } else {
        refresh();
      }
    });
    return () => {
      offProgress();
      offDone();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, projectId, refresh, finish]);

  const start = useCallback(
    async (action: ImagesAction, service?: string) => {
      if (running.current) return;
      const task: RunningTask = service === undefined ? { action } : { action, service };
      running.current = task;
      setState((s) => ({ ...s, running: task, outcome: undefined, progress: clearFor(s.progress, service) }));
      const input = { projectId, ...(service !== undefined ? { services: [service] } : {}) };
      const answer = await client.call(action === 'build' ? 'images.build' : 'images.push', input);
      if (running.current !== task) return; // finished already (a fast task)
      if (!answer.ok) {
        finish(task, { ok: false, error: answer.error });
        return;
      }
      task.taskId = answer.value.taskId;
      setState((s) => ({ ...s, running: { ...task } }));
    },
    [client, projectId, finish],
  );

  const cancel = useCallback(() => {
    const taskId = running.current?.taskId;
    if (taskId) void client.call('tasks.cancel', { taskId });
  }, [client]);

  const dismiss = useCallback(() => setState((s) => ({ ...s, outcome: undefined })), []);

  return { state, build: (service?: string) => start('build', service), push: (service?: string) => start('push', service), cancel, dismiss, refresh };
}

function clearFor(progress: Record<string, ServiceProgress>, service: string | undefined): Record<string, ServiceProgress> {
  if (service === undefined) return {};
  const next = { ...progress };
  delete next[service];
  return next;
}

function outcomeOf(action: ImagesAction, service: string | undefined, done: Pick<TaskDone, 'ok' | 'error' | 'result'>): Outcome {
  const what = `${action === 'build' ? 'Build' : 'Push'}${service ? ` of ${service}` : ''}`;
  if (!done.ok) {
    if (done.error?.code === 'cancelled') return { ok: false, title: `${what} cancelled` };
    return done.error ? { ok: false, title: `${what} failed`, error: done.error } : { ok: false, title: `${what} failed` };
  }
  if (action === 'build') {
    const images = (done.result as BuildResult | undefined)?.images ?? [];
    return { ok: true, title: `${what} finished: ${images.length} image${images.length === 1 ? '' : 's'} built` };
  }
  const images = (done.result as PushResult | undefined)?.images ?? [];
  const tags = images.reduce((n, i) => n + i.pushed.length, 0);
  return { ok: true, title: `${what} finished: ${tags} tag${tags === 1 ? '' : 's'} pushed` };
}
