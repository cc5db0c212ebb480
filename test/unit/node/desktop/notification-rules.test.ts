import { describe, expect, it } from 'vitest';
import type { DesktopNotice } from '../../../../electron/main/notification-rules';
import { NoticeLimiter, noticeForTaskDone, noticesForStateChange } from '../../../../electron/main/notification-rules';
import { project, state, svc } from './fixtures';

const notice = (key: string): DesktopNotice => ({ key, title: key, body: '', target: { view: 'dashboard' } });

describe('notification rules', () => {
  it('tells when a service turns unhealthy, and opens its logs', () => {
    const before = state([project('shop', [svc('db', 'healthy')])]);
    const after = state([project('shop', [svc('db', 'unhealthy')])]);
    expect(noticesForStateChange(before, after)).toEqual([
      { key: 'unhealthy:shop/db', title: 'db is unhealthy', body: 'shop: its healthcheck is failing.', target: { view: 'logs', projectId: 'shop', service: 'db' } },
    ]);
    expect(noticesForStateChange(after, after)).toEqual([]);
  });

  it('tells when a running service exits with a non-zero code', () => {
    const before = state([project('shop', [svc('api', 'running')])]);
    const after = state([project('shop', [svc('api', 'exited', 1)])]);
    expect(noticesForStateChange(before, after).map((n) => n.title)).toEqual(['api exited with code 1']);
    // 143 = SIGTERM: someone (docker stop, another shell) asked it to stop.
    expect(noticesForStateChange(before, state([project('shop', [svc('api', 'exited', 143)])]))).toEqual([]);
  });

  it('stays quiet for a one-shot that completed, or exits during Down, Stop or Restart', () => {
    const before = state([project('shop', [svc('migrate', 'running'), svc('api', 'running')])]);
    expect(noticesForStateChange(before, state([project('shop', [svc('migrate', 'completed', 0), svc('api', 'running')])]))).toEqual([]);
    const stopping = state([project('shop', [svc('migrate', 'running'), svc('api', 'exited', 143)], [{ taskId: 't', kind: 'stack.down' }])]);
    expect(noticesForStateChange(before, stopping)).toEqual([]);
    const restarting = state([project('shop', [svc('migrate', 'running'), svc('api', 'exited', 137)], [{ taskId: 't', kind: 'restart' }])]);
    expect(noticesForStateChange(before, restarting)).toEqual([]);
  });

  it('stays quiet for a project that just appeared (its first state is not a change)', () => {
    expect(noticesForStateChange(state([]), state([project('shop', [svc('db', 'unhealthy')])]))).toEqual([]);
  });

  it('tells once when the engine goes away, not about every container with it', () => {
    const before = state([project('shop', [svc('db', 'healthy')])]);
    const after = { ...state([project('shop', [svc('db', 'exited', 137)])], 'down'), engineMessage: 'the socket closed' };
    expect(noticesForStateChange(before, after)).toEqual([
      { key: 'engine.down', title: 'The Docker engine went away', body: 'the socket closed', target: { view: 'engine' } },
    ]);
    expect(noticesForStateChange(after, after)).toEqual([]);
    // Never there (still connecting at start): nothing "went away".
    expect(noticesForStateChange(state([], 'connecting'), state([], 'down'))).toEqual([]);
  });

  it('tells when a build or push finishes or fails, and opens the build view', () => {
    expect(noticeForTaskDone({ taskId: 't1', kind: 'images.build', projectId: 'shop', ok: true }, 'shop')).toEqual({
      key: 'task:t1',
      title: 'Build finished',
      body: 'shop: done.',
      target: { view: 'build', taskId: 't1', projectId: 'shop' },
    });
    const failed = noticeForTaskDone({ taskId: 't2', kind: 'push', projectId: 'shop', ok: false, error: { code: 'auth', message: 'Login refused.', hint: 'Run docker login.' } }, 'shop');
    expect(failed?.title).toBe('Push failed');
    expect(failed?.body).toBe('shop: Login refused. Run docker login.');
    expect(noticeForTaskDone({ taskId: 't3', kind: 'images.pull', projectId: 'shop', ok: false, error: { code: 'pull_denied', message: 'refused — run docker login r' } }, 'shop')?.title).toBe('Pull failed');
  });

  it('ignores other tasks and cancelled builds', () => {
    expect(noticeForTaskDone({ taskId: 't', kind: 'stack.up', ok: false })).toBeUndefined();
    expect(noticeForTaskDone({ taskId: 't', kind: 'build', ok: false, error: { code: 'cancelled', message: 'x' } })).toBeUndefined();
  });
});

describe('notification rate limit', () => {
  it('shows the same notice at most once per cool-down', () => {
    const limiter = new NoticeLimiter({ perKeyMs: 60_000 });
    expect(limiter.admit([notice('a')], 0)).toHaveLength(1);
    expect(limiter.admit([notice('a')], 30_000)).toHaveLength(0);
    expect(limiter.admit([notice('a')], 61_000)).toHaveLength(1);
  });

  it('folds a storm into one summary per window', () => {
    const limiter = new NoticeLimiter({ maxPerWindow: 3, windowMs: 60_000 });
    const shown = limiter.admit(['a', 'b', 'c', 'd', 'e', 'f'].map(notice), 0);
    expect(shown.map((n) => n.title)).toEqual(['a', 'b', 'c', '3 more problems']);
    expect(limiter.admit([notice('g')], 1000)).toEqual([]);
    expect(limiter.admit([notice('h')], 61_000).map((n) => n.title)).toEqual(['h']);
  });
});
