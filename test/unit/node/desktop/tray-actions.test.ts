import { describe, expect, it } from 'vitest';
import type { NavigateTarget } from '../../../../shared/contract/desktop';
import type { TaskDone } from '../../../../shared/contract/tasks';
import type { Envelope } from '../../../../shared/envelope';
import { runTrayAction } from '../../../../electron/main/tray-actions';

function deps(answers: Record<string, Envelope<unknown>>, build: TaskDone = { taskId: 'b1', kind: 'images.build', ok: true }) {
  const log: string[] = [];
  return {
    log,
    deps: {
      call: async (name: string, input: unknown) => {
        log.push(`call ${name} ${JSON.stringify(input)}`);
        return answers[name] ?? { ok: true as const, value: null };
      },
      waitForTask: async (taskId: string) => {
        log.push(`wait ${taskId}`);
        return build;
      },
      show: (t: NavigateTarget) => log.push(`show ${JSON.stringify(t)}`),
      openFolder: () => log.push('open folder'),
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
    expect(t.log).toEqual(['call stack.up {"projectId":"shop"}', 'call stack.restart {"projectId":"shop","services":["db"]}']);
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

  it('builds, waits for the build, then pushes', async () => {
    const t = deps({ 'images.build': { ok: true, value: { taskId: 'b1' } } });
    await runTrayAction({ kind: 'build-push', projectId: 'shop' }, t.deps);
    expect(t.log).toEqual(['show {"view":"build","projectId":"shop"}', 'call images.build {"projectId":"shop"}', 'wait b1', 'call images.push {"projectId":"shop"}']);
  });

  it('does not push when the build failed', async () => {
    const t = deps({ 'images.build': { ok: true, value: { taskId: 'b1' } } }, { taskId: 'b1', kind: 'images.build', ok: false });
    await runTrayAction({ kind: 'build-push', projectId: 'shop' }, t.deps);
    expect(t.log.some((l) => l.includes('images.push'))).toBe(false);
  });
});
