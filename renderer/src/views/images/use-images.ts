import { useCallback, useEffect, useRef, useState } from 'react';
import { taskResult, type SlipwayClient } from '../../../../shared/client';
import type { BuildResult, PullResult, PushResult, ServiceImage } from '../../../../shared/contract/images';
import type { TaskDone, TaskProgress } from '../../../../shared/contract/tasks';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/errors';
import { applyProgress, type ImagesPhase, type ServiceProgress } from './images-progress';

export type ImagesAction = ImagesPhase;

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

const ACTIONS: Record<string, ImagesAction> = { 'images.build': 'build', 'images.push': 'push', 'images.pull': 'pull' };
const actionOf = (kind: string): ImagesAction | undefined => ACTIONS[kind];

/**
 * What a progress event is about: the images task's action, or — for `up`, which pulls and
 * builds what is missing — a pulled layer (`SERVICE/LAYER`) or a build line (`SERVICE`).
 */
function phaseOf(p: TaskProgress): ImagesAction | undefined {
  const action = actionOf(p.kind);
  if (action !== undefined || p.kind !== 'stack.up' || p.stack !== undefined || p.subject === undefined) return action;
  return p.subject.includes('/') ? 'pull' : 'build';
}

/** How an images task ended: its result, or its error. */
type Ended =
  | { ok: true; action: 'build'; result: BuildResult }
  | { ok: true; action: 'push'; result: PushResult }
  | { ok: true; action: 'pull'; result: PullResult }
  | { ok: false; error?: ErrorInfo };

/**
 * The Images panel's state: the services' images (images.list), the build or push task of
 * this project — started here (client.runTask) or elsewhere (the tray, followed through its
 * events) — with its progress per service and layer, and how the last one ended.
 */
export function useImages(client: SlipwayClient, projectId: string) {
  const [state, setState] = useState<ImagesState>({ images: [], loaded: false, progress: {} });
  const running = useRef<RunningTask | undefined>(undefined);
  /** Cancels the task started here. */
  const abort = useRef<AbortController | undefined>(undefined);
  /** Where progress is folded in (batched), while the panel is mounted. */
  const progress = useRef<{ add(p: TaskProgress): void; flush(): void }>({ add: () => undefined, flush: () => undefined });

  const refresh = useCallback(() => {
    client.call('images.list', { projectId }).then(
      (images) => setState((s) => ({ ...s, images, loaded: true, listError: undefined })),
      (error: unknown) => setState((s) => ({ ...s, loaded: true, listError: toErrorInfo(error) })),
    );
  }, [client, projectId]);

  const finish = useCallback(
    (task: RunningTask, ended: Ended) => {
      running.current = undefined;
      setState((s) => ({ ...s, running: undefined, outcome: outcomeOf(task.action, task.service, ended) }));
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
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const batch = queued;
      queued = [];
      if (batch.length === 0) return;
      setState((s) => ({ ...s, progress: batch.reduce((acc, p) => applyProgress(acc, phaseOf(p) ?? 'build', p), s.progress) }));
    };
    progress.current = {
      add: (p) => {
        queued.push(p);
        timer ??= setTimeout(flush, 50);
      },
      flush,
    };
    // Tasks of this project started elsewhere (the tray): follow them by their events.
    const ours = (event: { kind: string; projectId?: string }) => event.projectId === projectId && actionOf(event.kind) !== undefined;
    const offProgress = client.on('task.progress', (p) => {
      // An up's pulls and builds show here too, without taking the panel's buttons.
      if (p.projectId === projectId && p.kind === 'stack.up' && phaseOf(p) !== undefined) return progress.current.add(p);
      if (!ours(p) || abort.current) return; // a task started here reports through runTask
      const task = running.current;
      if (!task) {
        const followed: RunningTask = { action: actionOf(p.kind) ?? 'build', taskId: p.taskId };
        running.current = followed;
        setState((s) => ({ ...s, running: followed, outcome: undefined, progress: {} }));
      } else if (task.taskId !== p.taskId) {
        return;
      }
      progress.current.add(p);
    });
    const offDone = client.on('task.done', (d) => {
      if (d.projectId === projectId && d.kind === 'stack.up') return refresh();
      if (!ours(d) || abort.current) return;
      const task = running.current;
      if (task && task.taskId === d.taskId) {
        flush();
        finish(task, endedOf(d));
      } else {
        refresh();
      }
    });
    return () => {
      offProgress();
      offDone();
      progress.current = { add: () => undefined, flush: () => undefined };
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, projectId, refresh, finish]);

  const start = useCallback(
    async (action: ImagesAction, service?: string) => {
      if (running.current) return;
      const task: RunningTask = service === undefined ? { action } : { action, service };
      running.current = task;
      const controller = new AbortController();
      abort.current = controller;
      setState((s) => ({ ...s, running: task, outcome: undefined, progress: clearFor(s.progress, service) }));
      const input = { projectId, ...(service !== undefined ? { services: [service] } : {}) };
      const options = {
        signal: controller.signal,
        onStarted: (taskId: string) => {
          task.taskId = taskId;
          setState((s) => ({ ...s, running: { ...task } }));
        },
      };
      const onProgress = (p: TaskProgress) => progress.current.add(p);
      let ended: Ended;
      try {
        ended = await run(client, action, input, onProgress, options);
      } catch (error) {
        ended = { ok: false, error: toErrorInfo(error) };
      }
      abort.current = undefined;
      progress.current.flush();
      finish(task, ended);
    },
    [client, projectId, finish],
  );

  const cancel = useCallback(() => {
    if (abort.current) return abort.current.abort();
    // A task started elsewhere: cancel it by its id.
    const taskId = running.current?.taskId;
    if (taskId) client.call('tasks.cancel', { taskId }).catch(() => undefined);
  }, [client]);

  const dismiss = useCallback(() => setState((s) => ({ ...s, outcome: undefined })), []);

  return { state, build: (service?: string) => start('build', service), push: (service?: string) => start('push', service), pull: (service?: string) => start('pull', service), cancel, dismiss, refresh };
}

/** Runs the action's task through the contract client; resolves with its result. */
async function run(client: SlipwayClient, action: ImagesAction, input: { projectId: string; services?: string[] }, onProgress: (p: TaskProgress) => void, options: { signal: AbortSignal; onStarted(taskId: string): void }): Promise<Ended> {
  switch (action) {
    case 'build':
      return { ok: true, action, result: await client.runTask('images.build', input, onProgress, options) };
    case 'push':
      return { ok: true, action, result: await client.runTask('images.push', input, onProgress, options) };
    case 'pull':
      return { ok: true, action, result: await client.runTask('images.pull', input, onProgress, options) };
  }
}

function clearFor(progress: Record<string, ServiceProgress>, service: string | undefined): Record<string, ServiceProgress> {
  if (service === undefined) return {};
  const next = { ...progress };
  delete next[service];
  return next;
}

/** How a task followed by its events ended. */
function endedOf(done: TaskDone): Ended {
  if (!done.ok) return done.error ? { ok: false, error: done.error } : { ok: false };
  const ok = { ...done, ok: true as const };
  if (done.kind === 'images.push') return { ok: true, action: 'push', result: taskResult('images.push', ok) };
  if (done.kind === 'images.pull') return { ok: true, action: 'pull', result: taskResult('images.pull', ok) };
  return { ok: true, action: 'build', result: taskResult('images.build', ok) };
}

const TITLES: Record<ImagesAction, string> = { build: 'Build', push: 'Push', pull: 'Pull' };

function outcomeOf(action: ImagesAction, service: string | undefined, ended: Ended): Outcome {
  const what = `${TITLES[action]}${service ? ` of ${service}` : ''}`;
  if (!ended.ok) {
    if (ended.error?.code === 'cancelled') return { ok: false, title: `${what} cancelled` };
    return ended.error ? { ok: false, title: `${what} failed`, error: ended.error } : { ok: false, title: `${what} failed` };
  }
  if (ended.action === 'build') {
    const count = ended.result.images.length;
    return { ok: true, title: `${what} finished: ${count} image${count === 1 ? '' : 's'} built` };
  }
  if (ended.action === 'pull') {
    const count = ended.result.images.filter((i) => i.outcome === 'pulled').length;
    const failed = ended.result.images.filter((i) => i.outcome === 'failed').length;
    return { ok: failed === 0, title: `${what} finished: ${count} image${count === 1 ? '' : 's'} pulled${failed > 0 ? `, ${failed} failed` : ''}` };
  }
  const tags = ended.result.images.reduce((n, i) => n + i.pushed.length, 0);
  return { ok: true, title: `${what} finished: ${tags} tag${tags === 1 ? '' : 's'} pushed` };
}
