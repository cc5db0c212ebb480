import { chmodSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchReload } from '../../../shared/contract/watch';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { testEnv, uniqueProjectName } from '../../support/engine';
import { dockerFromHost } from '../../support/docker-from-host';
import { startHiddenFolderEngine } from '../../support/hidden-folder-engine';
import { probablyFreePort } from '../../support/processes';
import type { ThrowawayEngine } from '../../support/throwaway-engine';
import { tempProject } from '../images/images-fixture';
import { shell } from '../watch/watch-fixture';
import { disposeHiddenSuite, httpGet, webServingWww } from './share-fixture';

const get = httpGet;

describe('synchronized shares: an engine that cannot see the project folder', () => {
  const name = uniqueProjectName('share');
  let port = 0;
  let project: { dir: string; cleanup(): void };
  let hidden: ThrowawayEngine;
  let core: SlipwayCore;
  const reloads: WatchReload[] = [];
  const waiters: Array<{ match: (r: WatchReload) => boolean; resolve: (r: WatchReload) => void }> = [];
  /** The next reload that names `file` (listened for before the change is made). */
  const reloadOf = (file: string): Promise<WatchReload> =>
    new Promise((resolve) => waiters.push({ match: (r) => r.files.includes(`www/${file}`), resolve }));

  beforeAll(async () => {
    port = await probablyFreePort();
    project = tempProject({
      'compose.yaml': webServingWww(name, port),
      'www/index.html': 'hello from the project\n',
      'www/old.html': 'about to be renamed\n',
      'www/gone.html': 'about to be deleted\n',
      'www/secret.txt': 'never copied\n',
      'www/sub/page.html': 'a nested page\n',
      'www/.dockerignore': 'secret.txt\n',
    });
    hidden = await startHiddenFolderEngine(project.dir);
    core = new SlipwayCore({ env: testEnv({ DOCKER_HOST: hidden.dockerHost }) });
    core.events.on('watch.reload', (reload) => {
      reloads.push(reload);
      for (const waiter of [...waiters]) {
        if (!waiter.match(reload)) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(reload);
      }
    });
    await core.projects.openProject({ cwd: project.dir });
  }, 120_000);

  afterAll(async () => {
    await disposeHiddenSuite({ core, hidden, name, project });
  });

  it('the probe says the folder does not reach the engine, and why', async () => {
    const status = await core.client().call('shares.status', { projectId: name });
    expect(status.mounts).toEqual([expect.objectContaining({ service: 'web', source: path.join(project.dir, 'www'), target: '/www', reaches: false, mode: 'sync', why: 'unreachable' })]);
    expect(status.mounts[0]?.reason).toMatch(/does not see this folder/);
  });

  it('doctor names the folder that does not reach the engine, and why', async () => {
    const report = await core.client().call('doctor.run', { projectId: name });
    const check = report.checks.find((c) => c.id === 'project.shares');
    expect(check).toMatchObject({ status: 'warn' });
    expect(check?.message).toContain('Do not reach the engine: web:/www ← www: the engine does not see this folder');
  });

  it('the same folder reaches the test engine, which shares this machine\'s folders', async () => {
    const local = new SlipwayCore({ env: testEnv() });
    try {
      await local.projects.openProject({ cwd: project.dir });
      const status = await local.client().call('shares.status', { projectId: name });
      expect(status.mounts).toEqual([expect.objectContaining({ target: '/www', reaches: true, mode: 'bind' })]);
    } finally {
      await local.dispose();
    }
  });

  it('up serves the project\'s files from a synchronized volume, .dockerignore honoured', async () => {
    await core.client().runTask('stack.up', { projectId: name, wait: true });
    expect(await get(port, '/index.html')).toEqual({ status: 200, text: 'hello from the project\n' });
    expect((await get(port, '/sub/page.html')).text).toBe('a nested page\n');
    expect((await get(port, '/secret.txt')).status).toBe(404);
    const status = await core.client().call('shares.status', { projectId: name });
    expect(status.mounts[0]).toMatchObject({ mode: 'sync', volume: `${name}_sync_web_www` });
    expect(status.mounts[0]?.files).toBeGreaterThanOrEqual(5);
    expect(status.mounts[0]?.bytes).toBeGreaterThan(0);
  });

  it('follows edits, new files, deletions, renames, modes and symlinks', async () => {
    const www = path.join(project.dir, 'www');
    let synced = reloadOf('index.html');
    writeFileSync(path.join(www, 'index.html'), 'edited\n');
    expect(await synced).toMatchObject({ action: 'sync', ok: true });
    expect((await get(port, '/index.html')).text).toBe('edited\n');

    synced = reloadOf('gone.html');
    rmSync(path.join(www, 'gone.html'));
    expect(await synced).toMatchObject({ ok: true });
    expect((await get(port, '/gone.html')).status).toBe(404);

    synced = reloadOf('new.html');
    renameSync(path.join(www, 'old.html'), path.join(www, 'new.html'));
    await synced;
    expect((await get(port, '/new.html')).text).toBe('about to be renamed\n');
    expect((await get(port, '/old.html')).status).toBe(404);

    synced = reloadOf('run.sh');
    writeFileSync(path.join(www, 'run.sh'), '#!/bin/sh\n');
    chmodSync(path.join(www, 'run.sh'), 0o750);
    await synced;
    synced = reloadOf('link.html');
    symlinkSync('sub/page.html', path.join(www, 'link.html'));
    await synced;
    const docker = dockerFromHost(hidden.dockerHost);
    const [web] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`, 'com.docker.compose.service=web'] } });
    expect((await shell(docker, web?.Id ?? '', 'stat -c %a /www/run.sh; readlink /www/link.html')).trim().split('\n')).toEqual(['750', 'sub/page.html']);
    expect((await get(port, '/link.html')).text).toBe('a nested page\n');

    const status = await core.client().call('shares.status', { projectId: name });
    expect(status.mounts[0]?.lastChangeAt).toBeGreaterThan(0);
    expect(status.mounts[0]?.lagMs).toBeGreaterThanOrEqual(0);
  });

  it('down -v removes the synchronized volume (Compose\'s labels mark it as the project\'s)', async () => {
    const docker = dockerFromHost(hidden.dockerHost);
    const volume = await docker.getVolume(`${name}_sync_web_www`).inspect();
    expect(volume.Labels).toMatchObject({ 'com.docker.compose.project': name, 'com.docker.compose.volume': 'sync_web_www' });
    await core.client().runTask('stack.down', { projectId: name, volumes: true });
    await expect(docker.getVolume(`${name}_sync_web_www`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});
