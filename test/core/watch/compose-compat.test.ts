import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, names, runServiceContainer, shell, useWatchTest } from './watch-fixture';

describe('watch: as Compose does', () => {
  const watchTest = useWatchTest();

  it('honours x-initialSync with the deprecation warning Compose prints', async () => {
    const { harness, tree } = watchTest('xinit');
    writeFileSync(path.join(tree.dir, 'early.txt'), 'there before watching');
    const container = await runServiceContainer(harness.docker, harness.project, 'web');
    const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: tree.dir, action: 'sync', target: '/app', 'x-initialSync': true }] } } });
    const state = await harness.core.watch().start(project);
    expect(state.warnings).toEqual(['x-initialSync is DEPRECATED, please use the official `initial_sync` attribute']);
    const reload = await harness.nextReload((r) => r.action === 'initial_sync', 0);
    expect(reload.ok).toBe(true);
    expect(await shell(harness.docker, container.id, 'cat /app/early.txt')).toBe('there before watching');
  });

  it('says nothing about initial_sync, the spelling of today', async () => {
    const { harness, tree } = watchTest('initsync');
    await runServiceContainer(harness.docker, harness.project, 'web');
    const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: tree.dir, action: 'sync', target: '/app', initial_sync: true }] } } });
    const state = await harness.core.watch().start(project);
    expect(state.warnings).toBeUndefined();
  });

  it('keeps a symlink in the container when a synced folder lands on it, and writes through it', async () => {
    const { harness, tree } = watchTest('symlink');
    const container = await runServiceContainer(harness.docker, harness.project, 'web');
    await shell(harness.docker, container.id, 'mkdir -p /app /data /data2 && ln -s /data /app/link && ln -s /data2 /app/empty');
    const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: tree.dir, action: 'sync', target: '/app' }] } } });
    await harness.core.watch().start(project);

    mkdirSync(path.join(tree.dir, 'link', 'sub'), { recursive: true });
    writeFileSync(path.join(tree.dir, 'link', 'sub', 'x.txt'), 'through the link');
    await harness.nextReload((r) => names(r, 'link/sub/x.txt') && r.ok, 0);
    expect(await shell(harness.docker, container.id, 'test -L /app/link && echo symlink; cat /data/sub/x.txt')).toBe('symlink\nthrough the link');

    // A folder alone (no file in it yet) onto a symlink: still the symlink.
    const from = harness.reloads.length;
    mkdirSync(path.join(tree.dir, 'empty'));
    await harness.nextReload((r) => names(r, 'empty') && r.ok, from);
    expect(await shell(harness.docker, container.id, 'test -L /app/empty && echo symlink')).toBe('symlink\n');
    writeFileSync(path.join(tree.dir, 'empty', 'y.txt'), 'y');
    await harness.nextReload((r) => names(r, 'empty/y.txt') && r.ok, from);
    expect(await shell(harness.docker, container.id, 'test -L /app/empty && echo symlink; cat /data2/y.txt')).toBe('symlink\ny');
  });
});
