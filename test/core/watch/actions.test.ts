import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, names, runServiceContainer, shell, useWatchTest } from './watch-fixture';

describe('watch: restart and exec actions', () => {
  const watchTest = useWatchTest();

  it('sync+restart copies the file, then restarts the container', async () => {
    const { harness, tree } = watchTest('syncrestart');
    const container = await runServiceContainer(harness.docker, harness.project, 'web');
    const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: tree.dir, action: 'sync+restart', target: '/app' }] } } });
    await harness.core.watch().start(project);
    const engine = await harness.core.engineEvents();
    const started = engine.waitFor((e) => e.Type === 'container' && e.Action === 'start' && e.Actor.ID === container.id);
    writeFileSync(path.join(tree.dir, 'config.ini'), 'v=2');
    const reload = await harness.nextReload((r) => names(r, 'config.ini'));
    expect(reload).toMatchObject({ service: 'web', action: 'sync+restart', ok: true });
    await started;
    expect(await shell(harness.docker, container.id, 'cat /app/config.ini')).toBe('v=2');
  });

  it('restart on a bind-mounted path copies nothing but still restarts', async () => {
    const { harness, tree } = watchTest('bind');
    const src = path.join(tree.dir, 'src');
    mkdirSync(src);
    const container = await runServiceContainer(harness.docker, harness.project, 'app', { binds: [`${src}:/code`] });
    const project = makeProject(harness.project, tree.dir, {
      app: {
        volumes: [{ type: 'bind', source: src, target: '/code' }],
        develop: { watch: [{ path: src, action: 'sync+restart', target: '/code' }] },
      },
    });
    await harness.core.watch().start(project);
    const engine = await harness.core.engineEvents();
    const started = engine.waitFor((e) => e.Type === 'container' && e.Action === 'start' && e.Actor.ID === container.id);
    writeFileSync(path.join(src, 'server.py'), 'print("v2")');
    const reload = await harness.nextReload((r) => names(r, 'src/server.py'));
    expect(reload).toMatchObject({ action: 'sync+restart', ok: true, bindMounted: true });
    await started;
    expect(await shell(harness.docker, container.id, 'cat /code/server.py')).toBe('print("v2")');
  });

  it('restart restarts without copying', async () => {
    const { harness, tree } = watchTest('restart');
    const container = await runServiceContainer(harness.docker, harness.project, 'worker');
    const project = makeProject(harness.project, tree.dir, { worker: { develop: { watch: [{ path: tree.dir, action: 'restart' }] } } });
    await harness.core.watch().start(project);
    const engine = await harness.core.engineEvents();
    const started = engine.waitFor((e) => e.Type === 'container' && e.Action === 'start' && e.Actor.ID === container.id);
    writeFileSync(path.join(tree.dir, 'tasks.py'), 'x');
    expect(await harness.nextReload((r) => names(r, 'tasks.py'))).toMatchObject({ action: 'restart', ok: true });
    await started;
    // Nothing was copied: the changed file is nowhere in the container.
    expect((await shell(harness.docker, container.id, 'find / -xdev -name tasks.py 2>/dev/null; echo end')).trim()).toBe('end');
  });

  it('sync+exec runs exec.command with user, working_dir and environment after the sync', async () => {
    const { harness, tree } = watchTest('exec');
    const container = await runServiceContainer(harness.docker, harness.project, 'web');
    const project = makeProject(harness.project, tree.dir, {
      web: {
        develop: {
          watch: [
            {
              path: tree.dir,
              action: 'sync+exec',
              target: '/app',
              exec: { command: ['sh', '-c', 'echo "$(id -u) $(pwd) $GREETING $(cat page.html)" > /tmp/reloaded; echo reloaded; echo twice >&2'], user: 'nobody', working_dir: '/app', environment: { GREETING: 'hi' } },
            },
          ],
        },
      },
    });
    await harness.core.watch().start(project);
    writeFileSync(path.join(tree.dir, 'page.html'), '<p>v3</p>');
    const reload = await harness.nextReload((r) => names(r, 'page.html'));
    expect(reload).toMatchObject({ action: 'sync+exec', ok: true });
    // The command's output (stdout and stderr) comes with the reload.
    expect(reload.exec).toEqual([{ container: `${harness.project}-web-1`, command: ['sh', '-c', expect.stringContaining('echo reloaded')], exitCode: 0, output: expect.any(String) }]);
    // stdout and stderr both (the engine reads them apart: their order is not kept).
    expect(reload.exec?.[0]?.output.split('\n').sort()).toEqual(['reloaded', 'twice']);
    expect(await shell(harness.docker, container.id, 'cat /tmp/reloaded')).toBe('65534 /app hi <p>v3</p>\n');
  });

  it('reports a failing exec command with its output and a hint', async () => {
    const { harness, tree } = watchTest('execfail');
    await runServiceContainer(harness.docker, harness.project, 'web');
    const project = makeProject(harness.project, tree.dir, {
      web: { develop: { watch: [{ path: tree.dir, action: 'sync+exec', target: '/app', exec: { command: ['sh', '-c', 'echo reload broke >&2; exit 3'] } }] } },
    });
    await harness.core.watch().start(project);
    writeFileSync(path.join(tree.dir, 'a.js'), '1');
    const reload = await harness.nextReload((r) => names(r, 'a.js'));
    expect(reload.ok).toBe(false);
    expect(reload.error?.message).toContain('exited with 3');
    expect(reload.error?.message).toContain('reload broke');
    expect(reload.error?.hint).toBeTruthy();
    expect(reload.exec).toEqual([{ container: `${harness.project}-web-1`, command: ['sh', '-c', 'echo reload broke >&2; exit 3'], exitCode: 3, output: 'reload broke' }]);
  });

  it('reports a service without a running container', async () => {
    const { harness, tree } = watchTest('nocontainer');
    const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: tree.dir, action: 'restart' }] } } });
    await harness.core.watch().start(project);
    writeFileSync(path.join(tree.dir, 'a.js'), '1');
    const reload = await harness.nextReload((r) => names(r, 'a.js'));
    expect(reload).toMatchObject({ ok: false });
    expect(reload.error?.message).toMatch(/no running container/);
    expect(reload.error?.hint).toMatch(/slipway up web/);
  });
});
