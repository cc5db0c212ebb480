import { describe, expect, it } from 'vitest';
import { createClient } from '../../../../shared/client';
import type { NavigateTarget } from '../../../../shared/contract/desktop';
import type { Envelope } from '../../../../shared/envelope';
import { runTrayAction } from '../../../../electron/main/tray-actions';
import { FakeBridge } from '../client/fake-bridge';

type Outcome = { ok: boolean; error?: { code: string; message: string } };

function deps(answers: Record<string, Envelope<unknown>>, build: Outcome = { ok: true }, restart: Outcome = { ok: true }) {
  const log: string[] = [];
  const bridge = new FakeBridge();
  for (const [name, answer] of Object.entries(answers)) bridge.answer(name, () => answer);
  for (const name of ['stack.up', 'stack.down', 'images.push']) if (!answers[name]) bridge.answer(name, () => ({ ok: true, value: null }));
  let restarts = 0;
  bridge.answer('stack.restart', () => {
    const taskId = `r${++restarts}`;
    bridge.emit('task.done', { taskId, kind: 'stack.restart', projectId: 'shop', ...restart, ...(restart.ok ? { result: null } : {}) });
    return { ok: true, value: { taskId } };
  });
  if (answers['images.build']?.ok) {
    bridge.answer('images.build', () => {
      // The build ends as soon as it starts (its task.done before the call's answer).
      bridge.emit('task.done', { taskId: 'b1', kind: 'images.build', projectId: 'shop', ...build, ...(build.ok ? { result: { images: [] } } : {}) });
      return { ok: true, value: { taskId: 'b1' } };
    });
  }
  return {
    log,
    calls: () => bridge.invoked.map((c) => `call ${c.name} ${JSON.stringify(c.input)}`),
    deps: {
      client: createClient(bridge),
      show: (t: NavigateTarget) => log.push(`show ${JSON.stringify(t)}`),
      openFolder: () => log.push('open folder'),
      openUrl: (url: string) => log.push(`open ${url}`),
      quit: () => log.push('quit'),
      report: (title: string, error: { message: string }) => log.push(`report ${title}: ${error.message}`),
    },
  };
}

describe('tray actions', () => {
  it('turns stack items into contract calls for their project', async () => {
    const t = deps({});
    await runTrayAction({ kind: 'stack.up', projectId: 'shop' }, t.deps);
    await runTrayAction({ kind: 'service.restart', projectId: 'shop', service: 'db' }, t.deps);
    expect(t.calls()).toEqual(['call stack.up {"projectId":"shop"}', 'call stack.restart {"projectId":"shop","services":["db"]}']);
    expect(t.log).toEqual([]);
  });

  it('opens a service address in the browser', async () => {
    const t = deps({});
    await runTrayAction({ kind: 'open-url', url: 'http://web.shop.localhost:7380/' }, t.deps);
    expect(t.log).toEqual(['open http://web.shop.localhost:7380/']);
    expect(t.calls()).toEqual([]);
  });

  it('opens logs and shell in the window', async () => {
    const t = deps({});
    await runTrayAction({ kind: 'service.logs', projectId: 'shop', service: 'db' }, t.deps);
    await runTrayAction({ kind: 'service.shell', projectId: 'shop', service: 'db' }, t.deps);
    expect(t.log).toEqual(['show {"view":"logs","projectId":"shop","service":"db"}', 'show {"view":"terminal","projectId":"shop","service":"db"}']);
  });

  it('reports a refused call with its message', async () => {
    const t = deps({ 'stack.down': { ok: false, error: { code: 'engine_down', message: 'The engine is not reachable' } } });
    await runTrayAction({ kind: 'stack.down', projectId: 'shop' }, t.deps);
    expect(t.log.at(-1)).toBe('report Down failed: The engine is not reachable');
  });

  it('waits for a restart and reports a service that does not come back', async () => {
    const t = deps({}, { ok: true }, { ok: false, error: { code: 'unhealthy', message: 'db is unhealthy' } });
    await runTrayAction({ kind: 'service.restart', projectId: 'shop', service: 'db' }, t.deps);
    expect(t.log).toEqual(['report Restart db failed: db is unhealthy']);
  });

  it('builds, waits for the build, then pushes', async () => {
    const t = deps({ 'images.build': { ok: true, value: { taskId: 'b1' } } });
    await runTrayAction({ kind: 'build-push', projectId: 'shop' }, t.deps);
    expect(t.log).toEqual(['show {"view":"build","projectId":"shop"}']);
    expect(t.calls()).toEqual(['call images.build {"projectId":"shop"}', 'call images.push {"projectId":"shop"}']);
  });

  it('does not push when the build failed (its own notice says why)', async () => {
    const t = deps({ 'images.build': { ok: true, value: { taskId: 'b1' } } }, { ok: false, error: { code: 'build_failed', message: 'step 2 failed' } });
    await runTrayAction({ kind: 'build-push', projectId: 'shop' }, t.deps);
    expect(t.calls().some((l) => l.includes('images.push'))).toBe(false);
    expect(t.log.some((l) => l.startsWith('report'))).toBe(false);
  });

  it('reports a build the core refused to start', async () => {
    const t = deps({ 'images.build': { ok: false, error: { code: 'no_build', message: 'No service of shop has a build section' } } });
    await runTrayAction({ kind: 'build-push', projectId: 'shop' }, t.deps);
    expect(t.log.at(-1)).toBe('report Build failed: No service of shop has a build section');
  });
});
