import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackRebuild } from '../../../electron/core/watch/rebuild';
import { makeProject, names, runServiceContainer, shell, useWatchTest } from './watch-fixture';

describe('watch: bursts, rebuild, recreated containers, watcher errors', () => {
  const watchTest = useWatchTest();

  it('a burst of 500 files is one reload per service', async () => {
    const { harness, tree } = watchTest('burst');
    const src = path.join(tree.dir, 'gen');
    mkdirSync(src);
    const web = await runServiceContainer(harness.docker, harness.project, 'web');
    await runServiceContainer(harness.docker, harness.project, 'worker');
    const project = makeProject(harness.project, tree.dir, {
      web: { develop: { watch: [{ path: src, action: 'sync', target: '/app' }] } },
      worker: { develop: { watch: [{ path: src, action: 'restart' }] } },
    });
    await harness.core.watch().start(project);
    const start = harness.reloads.length;
    for (let i = 0; i < 500; i++) {
      mkdirSync(path.join(src, `d${i % 10}`), { recursive: true });
      writeFileSync(path.join(src, `d${i % 10}`, `f${i}.txt`), `file ${i}`);
    }
    const webReload = await harness.nextReload((r) => r.service === 'web', start);
    const workerReload = await harness.nextReload((r) => r.service === 'worker', start);
    expect(webReload.ok).toBe(true);
    expect(workerReload.ok).toBe(true);
    const watcher = harness.core.watch().watcher(harness.project);
    await Promise.all([watcher?.whenIdle('web'), watcher?.whenIdle('worker')]);
    const before = harness.reloads.length;
    writeFileSync(path.join(src, 'marker.txt'), 'after the burst');
    const webMarker = await harness.nextReload((r) => r.service === 'web' && names(r, 'gen/marker.txt'), before);
    const workerMarker = await harness.nextReload((r) => r.service === 'worker' && names(r, 'gen/marker.txt'), before);
    expect(harness.reloads.slice(0, before).filter((r) => r.service === 'web')).toHaveLength(1);
    expect(harness.reloads.slice(0, before).filter((r) => r.service === 'worker')).toHaveLength(1);
    expect(webMarker.fileCount).toBe(1);
    expect(workerMarker.fileCount).toBe(1);
    expect((await shell(harness.docker, web.id, 'find /app -name "f*.txt" | wc -l')).trim()).toBe('500');
  });

  it('rebuild builds the image and recreates the container from it', async () => {
    const { harness, tree } = watchTest('rebuild');
    writeFileSync(path.join(tree.dir, 'Dockerfile'), 'FROM busybox:latest\nCOPY version.txt /version.txt\nCMD ["sleep", "3600"]\n');
    writeFileSync(path.join(tree.dir, 'version.txt'), 'v1');
    const project = makeProject(harness.project, tree.dir, {
      api: { build: { context: tree.dir }, init: true, network_mode: 'none', stop_grace_period: '1s', develop: { watch: [{ path: tree.dir, action: 'rebuild' }] } },
    });
    const image = `${harness.project}-api`;
    try {
      await stackRebuild(harness.core, harness.core.images).rebuild(project, 'api', new AbortController().signal);
      const [first] = await harness.docker.listContainers({ filters: { label: [`com.docker.compose.project=${harness.project}`] } });
      expect(await shell(harness.docker, first?.Id ?? '', 'cat /version.txt')).toBe('v1');
      await harness.core.watch().start(project);
      writeFileSync(path.join(tree.dir, 'version.txt'), 'v2');
      const reload = await harness.nextReload((r) => names(r, 'version.txt'));
      expect(reload).toMatchObject({ action: 'rebuild', ok: true });
      const [now] = await harness.docker.listContainers({ filters: { label: [`com.docker.compose.project=${harness.project}`] } });
      expect(now?.Id).toBeDefined();
      expect(now?.Id).not.toBe(first?.Id);
      expect(now?.Names[0]).toBe(`/${harness.project}-api-1`);
      expect(await shell(harness.docker, now?.Id ?? '', 'cat /version.txt')).toBe('v2');
    } finally {
      await harness.docker.getImage(image).remove({ force: true }).catch(() => undefined);
    }
  });

  it('syncs again into a recreated container: the whole tree with initial_sync, otherwise what was synced', async () => {
    const { harness, tree } = watchTest('recreate');
    const full = path.join(tree.dir, 'full');
    const part = path.join(tree.dir, 'part');
    mkdirSync(full);
    mkdirSync(part);
    writeFileSync(path.join(full, 'seed.txt'), 'seed');
    const project = makeProject(harness.project, tree.dir, {
      web: {
        develop: {
          watch: [
            { path: full, action: 'sync', target: '/full', initial_sync: true },
            { path: part, action: 'sync', target: '/part' },
          ],
        },
      },
    });
    const first = await runServiceContainer(harness.docker, harness.project, 'web');
    await harness.core.watch().start(project);
    const initial = await harness.nextReload((r) => r.action === 'initial_sync', 0);
    expect(initial.ok).toBe(true);
    expect(names(initial, 'full/seed.txt')).toBe(true);
    expect(await shell(harness.docker, first.id, 'cat /full/seed.txt')).toBe('seed');
    writeFileSync(path.join(part, 'edit.txt'), 'edited');
    await harness.nextReload((r) => names(r, 'part/edit.txt'));

    const before = harness.reloads.length;
    await first.remove({ force: true });
    const second = await runServiceContainer(harness.docker, harness.project, 'web');
    const resync = await harness.nextReload((r) => r.action === 'initial_sync', before);
    expect(resync.ok).toBe(true);
    expect(await shell(harness.docker, second.id, 'cat /full/seed.txt /part/edit.txt')).toBe('seededited');
  });

  it('reports an exhausted inotify limit with its fix', async () => {
    const { harness, tree } = watchTest('enospc');
    const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: tree.dir, action: 'restart' }] } } });
    await harness.core.watch().start(project);
    const error = Object.assign(new Error('ENOSPC: System limit for number of file watchers reached, watch'), { code: 'ENOSPC' });
    harness.core.watch().watcher(harness.project)?.reportWatcherError(error);
    const state = harness.states.find((s) => s.error);
    expect(state?.error?.message).toMatch(/limit on watched files/);
    expect(state?.error?.hint).toContain('sudo sysctl fs.inotify.max_user_watches=524288');
    expect(harness.core.watch().status(harness.project).error?.hint).toContain('max_user_watches');
  });
});
