import { describe, expect, it } from 'vitest';
import { createClient } from '../../../../shared/client';
import type { TaskProgress } from '../../../../shared/contract/tasks';
import { SlipwayError } from '../../../../shared/errors';
import { FakeBridge } from './fake-bridge';

const built = { images: [{ service: 'web', image: 'shop-web:latest', tags: ['shop-web:latest'], imageId: 'sha256:1', cachedSteps: 1, totalSteps: 3, durationMs: 12 }] };
const progress = (taskId: string, message: string) => ({ taskId, kind: 'images.build', projectId: 'shop', message });
const done = (taskId: string, extra: Record<string, unknown>) => ({ taskId, kind: 'images.build', projectId: 'shop', ...extra });

/** Resolves with the task id once runTask knows it. */
function started(): { onStarted(id: string): void; id: Promise<string> } {
  let onStarted: (id: string) => void = () => undefined;
  const id = new Promise<string>((resolve) => (onStarted = resolve));
  return { onStarted, id };
}

describe('runTask: one way to run a task call', () => {
  it('keeps the events that arrive before the task id is known, and resolves with the result', async () => {
    const bridge = new FakeBridge().answer('images.build', () => {
      // A fast task: its progress and its end come before the call's answer.
      bridge.emit('task.progress', progress('t1', 'step 1/3'));
      bridge.emit('task.progress', progress('other', 'not ours'));
      bridge.emit('task.done', done('other', { ok: false, error: { code: 'x', message: 'not ours' } }));
      bridge.emit('task.done', done('t1', { ok: true, result: built }));
      return { ok: true, value: { taskId: 't1' } };
    });
    const seen: TaskProgress[] = [];
    const ids: string[] = [];
    const result = await createClient(bridge).runTask('images.build', { projectId: 'shop' }, (p) => seen.push(p), { onStarted: (id) => ids.push(id) });
    expect(result).toEqual(built);
    expect(seen.map((p) => p.message)).toEqual(['step 1/3']);
    expect(ids).toEqual(['t1']);
    expect(bridge.listening()).toBe(0);
  });

  it('reports the progress of its own task only, then resolves on its task.done', async () => {
    const bridge = new FakeBridge().answer('images.build', () => ({ ok: true, value: { taskId: 't2' } }));
    const start = started();
    const seen: string[] = [];
    const running = createClient(bridge).runTask('images.build', { projectId: 'shop' }, (p) => seen.push(p.message), { onStarted: start.onStarted });
    await start.id;
    bridge.emit('task.progress', progress('t2', 'step 2/3'));
    bridge.emit('task.progress', progress('t9', 'another build'));
    bridge.emit('task.done', done('t9', { ok: true, result: { images: [] } }));
    bridge.emit('task.done', done('t2', { ok: true, result: built }));
    await expect(running).resolves.toEqual(built);
    expect(seen).toEqual(['step 2/3']);
  });

  it('rejects with the task\'s SlipwayError when it fails', async () => {
    const bridge = new FakeBridge().answer('images.build', () => ({ ok: true, value: { taskId: 't3' } }));
    const start = started();
    const running = createClient(bridge).runTask('images.build', { projectId: 'shop' }, undefined, { onStarted: start.onStarted });
    await start.id;
    bridge.emit('task.done', done('t3', { ok: false, error: { code: 'build_failed', message: 'web: step 2 failed', hint: 'Read the step output above.' } }));
    const error: unknown = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error).toMatchObject({ code: 'build_failed', message: 'web: step 2 failed', hint: 'Read the step output above.' });
    expect(bridge.listening()).toBe(0);
  });

  it('rejects with the call\'s SlipwayError when the call is refused, and stops listening', async () => {
    const bridge = new FakeBridge().answer('images.build', () => ({ ok: false, error: { code: 'not_found', message: 'No open project shop', hint: 'Open it first.' } }));
    const error: unknown = await createClient(bridge).runTask('images.build', { projectId: 'shop' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error).toMatchObject({ code: 'not_found', hint: 'Open it first.' });
    expect(bridge.listening()).toBe(0);
  });

  it('cancels the task when the signal aborts (tasks.cancel), and rejects with `cancelled`', async () => {
    const bridge = new FakeBridge()
      .answer('images.build', () => ({ ok: true, value: { taskId: 't4' } }))
      .answer('tasks.cancel', () => {
        bridge.emit('task.done', done('t4', { ok: false, error: { code: 'cancelled', message: 'images.build cancelled' } }));
        return { ok: true, value: null };
      });
    const abort = new AbortController();
    const start = started();
    const running = createClient(bridge).runTask('images.build', { projectId: 'shop' }, undefined, { signal: abort.signal, onStarted: start.onStarted });
    await start.id;
    abort.abort();
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(bridge.invoked).toEqual([
      { name: 'images.build', input: { projectId: 'shop' } },
      { name: 'tasks.cancel', input: { taskId: 't4' } },
    ]);
  });

  it('an abort before the id is known cancels as soon as it is', async () => {
    let answer: (value: { ok: true; value: { taskId: string } }) => void = () => undefined;
    const bridge = new FakeBridge()
      .answer('images.build', () => new Promise((resolve) => (answer = resolve)))
      .answer('tasks.cancel', () => {
        bridge.emit('task.done', done('t5', { ok: false, error: { code: 'cancelled', message: 'images.build cancelled' } }));
        return { ok: true, value: null };
      });
    const abort = new AbortController();
    const running = createClient(bridge).runTask('images.build', { projectId: 'shop' }, undefined, { signal: abort.signal });
    abort.abort();
    expect(bridge.invokedNames()).toEqual(['images.build']);
    answer({ ok: true, value: { taskId: 't5' } });
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(bridge.invoked.at(-1)).toEqual({ name: 'tasks.cancel', input: { taskId: 't5' } });
  });

  it('does not start at all when the signal is already aborted', async () => {
    const bridge = new FakeBridge().answer('images.build', () => ({ ok: true, value: { taskId: 't6' } }));
    const abort = new AbortController();
    abort.abort();
    await expect(createClient(bridge).runTask('images.build', { projectId: 'shop' }, undefined, { signal: abort.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(bridge.invoked).toEqual([]);
  });
});
