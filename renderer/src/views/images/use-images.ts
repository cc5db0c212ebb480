import { useCallback, useEffect, useRef, useState } from 'react';
import type { SlipwayClient } from '../../../../shared/client';
import type { BuildResult, PushResult, ServiceImage } from '../../../../shared/contract/images';
import type { TaskProgress } from '../../../../shared/contract/tasks';
import type { ErrorInfo } from '../../../../shared/errors';
import { applyProgress, type ServiceProgress } from './images-progress';

export type ImagesAction = 'build' | 'push';

export interface RunningTask {
  action: ImagesAction;
  /** A service, or undefined for all of them. */
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

/**
 * The Images panel's state: the services' images (images.list), one build or push task at
 * a time with its progress per service and layer, and how the last one ended.
 */
export function useImages(client: SlipwayClient, projectId: string) {
  const [state, setState] = useState<ImagesState>({ images: [], loaded: false, progress: {} });
  const running = useRef<RunningTask | undefined>(undefined);

  const refresh = useCallback(() => {
    void client.call('images.list', { projectId }).then((answer) => {
      setState((s) => (answer.ok ? { ...s, images: answer.value, loaded: true, listError: undefined } : { ...s, loaded: true, listError: answer.error }));
    });
  }, [client, projectId]);

  useEffect(() => {
    refresh();
    // Builds and pushes started elsewhere (the tray, the CLI's core) change the list too.
    return client.on('task.done', (done) => {
      if (done.projectId === projectId && done.kind.startsWith('images.')) refresh();
    });
  }, [client, projectId, refresh]);

  const start = useCallback(
    async (action: ImagesAction, service?: string) => {
      if (running.current) return;
      const task: RunningTask = service === undefined ? { action } : { action, service };
      running.current = task;
      setState((s) => ({ ...s, running: task, outcome: undefined, progress: clearFor(s.progress, service) }));
      const early: Array<{ taskId: string; ok: boolean; error?: ErrorInfo; result?: unknown }> = [];
      let settle: (done: { ok: boolean; error?: ErrorInfo; result?: unknown }) => void = () => undefined;
      const finished = new Promise<{ ok: boolean; error?: ErrorInfo; result?: unknown }>((resolve) => {
        settle = resolve;
      });
      const earlyProgress: TaskProgress[] = [];
      // A chatty step (npm install) can print thousands of lines: fold them in ~20 times a second.
      let queued: TaskProgress[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const flush = () => {
        timer = undefined;
        const batch = queued;
        queued = [];
        if (batch.length > 0) setState((s) => ({ ...s, progress: batch.reduce((acc, p) => applyProgress(acc, action, p), s.progress) }));
      };
      const offProgress = client.on('task.progress', (p) => {
        if (task.taskId === undefined) earlyProgress.push(p);
        else if (p.taskId === task.taskId) {
          queued.push(p);
          timer ??= setTimeout(flush, 50);
        }
      });
      const offDone = client.on('task.done', (d) => {
        if (task.taskId === undefined) early.push(d);
        else if (d.taskId === task.taskId) settle(d);
      });
      try {
        const input = { projectId, ...(service !== undefined ? { services: [service] } : {}) };
        const answer = await client.call(action === 'build' ? 'images.build' : 'images.push', input);
        if (!answer.ok) {
          settle({ ok: false, error: answer.error });
        } else {
          task.taskId = answer.value.taskId;
          const mine = earlyProgress.filter((p) => p.taskId === task.taskId);
          setState((s) => ({ ...s, running: { ...task }, progress: mine.reduce((acc, p) => applyProgress(acc, action, p), s.progress) }));
          const done = early.find((d) => d.taskId === task.taskId);
          if (done) settle(done);
        }
        const done = await finished;
        setState((s) => ({ ...s, outcome: outcomeOf(action, service, done) }));
      } finally {
        offProgress();
        offDone();
        if (timer !== undefined) clearTimeout(timer);
        flush();
        running.current = undefined;
        setState((s) => ({ ...s, running: undefined }));
        refresh();
      }
    },
    [client, projectId, refresh],
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

function outcomeOf(action: ImagesAction, service: string | undefined, done: { ok: boolean; error?: ErrorInfo; result?: unknown }): Outcome {
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
