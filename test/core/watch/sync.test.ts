import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, names, runServiceContainer, shell, useWatchTest } from './watch-fixture';

describe('watch: sync', () => {
  const watchTest = useWatchTest();

  it('copies changed and new files into the container and removes deleted ones', async () => {
    const { harness, tree } = watchTest('sync');
    const src = path.join(tree.dir, 'src');
    mkdirSync(src);
    writeFileSync(path.join(src, 'old.txt'), 'old');
    const container = await runServiceContainer(harness.docker, harness.project, 'web');
    const project = makeProject(harness.project, tree.dir, {
      web: { image: 'busybox:latest', develop: { watch: [{ path: src, action: 'sync', target: '/app' }] } },
    });
    const state = await harness.core.watch().start(project);
    expect(state.watching).toBe(true);

    writeFileSync(path.join(src, 'hello.txt'), 'hello v1');
    const first = await harness.nextReload((r) => names(r, 'src/hello.txt'));
    expect(first).toMatchObject({ service: 'web', action: 'sync', ok: true });
    expect(first.latencyMs).toBeGreaterThan(0);
    expect(await shell(harness.docker, container.id, 'cat /app/hello.txt')).toBe('hello v1');

    mkdirSync(path.join(src, 'deep', 'er'), { recursive: true });
    writeFileSync(path.join(src, 'deep', 'er', 'n.txt'), 'nested');
    await harness.nextReload((r) => names(r, 'src/deep/er/n.txt') && r.ok);
    expect(await shell(harness.docker, container.id, 'cat /app/deep/er/n.txt')).toBe('nested');

    writeFileSync(path.join(src, 'old.txt'), 'synced once');
    await harness.nextReload((r) => names(r, 'src/old.txt'));
    expect(await shell(harness.docker, container.id, 'cat /app/old.txt')).toBe('synced once');
    rmSync(path.join(src, 'old.txt'));
    const deletion = await harness.nextReload((r) => names(r, 'src/old.txt'));
    expect(deletion.ok).toBe(true);
    expect(await shell(harness.docker, container.id, 'test -e /app/old.txt && echo present || echo gone')).toBe('gone\n');

    rmSync(path.join(src, 'deep'), { recursive: true });
    await harness.nextReload((r) => names(r, 'src/deep') || names(r, 'src/deep/er'));
    expect(await shell(harness.docker, container.id, 'test -e /app/deep/er/n.txt && echo present || echo gone')).toBe('gone\n');
  });

  it('never sends ignored files: .git, node_modules, editor temp files, .dockerignore, ignore and include', async () => {
    const { harness, tree } = watchTest('ignore');
    const dir = tree.dir;
    for (const sub of ['.git', 'node_modules/lib', 'logs', 'app']) mkdirSync(path.join(dir, sub), { recursive: true });
    writeFileSync(path.join(dir, '.dockerignore'), 'secret.env\n');
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM busybox:latest\n');
    const container = await runServiceContainer(harness.docker, harness.project, 'api');
    const project = makeProject(harness.project, dir, {
      api: {
        build: { context: dir },
        develop: {
          watch: [
            { path: dir, action: 'sync', target: '/srv', ignore: ['logs/', '*.tmp'] },
            { path: path.join(dir, 'app'), action: 'sync', target: '/only-py', include: ['*.py'] },
          ],
        },
      },
    });
    await harness.core.watch().start(project);

    const ignored = ['.git/HEAD', 'node_modules/lib/index.js', 'secret.env', 'logs/today.log', 'draft.tmp', '.main.py.swp', 'main.py~', '4913', '#main.py#', 'app/readme.md'];
    for (const file of ignored) writeFileSync(path.join(dir, file), 'ignored');
    const from = harness.reloads.length;
    writeFileSync(path.join(dir, 'marker.txt'), 'marker');
    writeFileSync(path.join(dir, 'app', 'main.py'), 'print(1)');
    await harness.nextReload((r) => names(r, 'marker.txt'), from);
    await harness.nextReload((r) => names(r, 'app/main.py'), from);
    await harness.core.watch().watcher(harness.project)?.whenIdle('api');

    const sent = harness.reloads.flatMap((r) => r.files);
    for (const file of ignored) if (file !== 'app/readme.md') expect(sent).not.toContain(file);
    const listing = await shell(harness.docker, container.id, 'cd /srv && find . -type f | sort; echo ---; ls /only-py');
    expect(listing).toContain('./marker.txt');
    expect(listing).toContain('./app/main.py');
    for (const file of ignored) if (file !== 'app/readme.md') expect(listing).not.toContain(`./${file}`);
    expect(listing.split('---')[1]?.trim()).toBe('main.py');
  });

  it("follows an editor's safe write (temp file, renames) to the final content, without the temp files", async () => {
    const { harness, tree } = watchTest('safewrite');
    writeFileSync(path.join(tree.dir, 'app.py'), 'v1');
    const container = await runServiceContainer(harness.docker, harness.project, 'web');
    const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: tree.dir, action: 'sync', target: '/app', initial_sync: true }] } } });
    await harness.core.watch().start(project);
    await harness.nextReload((r) => r.action === 'initial_sync', 0);
    const from = harness.reloads.length;
    const file = path.join(tree.dir, 'app.py');
    writeFileSync(`${file}___jb_tmp___`, 'v2 saved safely');
    renameSync(file, `${file}___jb_old___`);
    renameSync(`${file}___jb_tmp___`, file);
    rmSync(`${file}___jb_old___`);
    const reload = await harness.nextReload((r) => names(r, 'app.py'), from);
    expect(reload.ok).toBe(true);
    expect(await shell(harness.docker, container.id, 'cat /app/app.py; ls /app')).toBe('v2 saved safelyapp.py\n');
  });

  it('watches a rule whose path is a single file, across saves by rename', async () => {
    const { harness, tree } = watchTest('filerule');
    const file = path.join(tree.dir, 'settings.ini');
    writeFileSync(file, 'v1');
    writeFileSync(path.join(tree.dir, 'other.txt'), 'not watched');
    const container = await runServiceContainer(harness.docker, harness.project, 'web');
    const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: file, action: 'sync', target: '/etc/web/settings.ini' }] } } });
    await harness.core.watch().start(project);
    writeFileSync(file, 'v2');
    await harness.nextReload((r) => names(r, 'settings.ini'));
    expect(await shell(harness.docker, container.id, 'cat /etc/web/settings.ini')).toBe('v2');
    const from = harness.reloads.length;
    writeFileSync(`${file}.new`, 'v3');
    renameSync(`${file}.new`, file);
    await harness.nextReload((r) => names(r, 'settings.ini'), from);
    expect(await shell(harness.docker, container.id, 'cat /etc/web/settings.ini')).toBe('v3');
    const after = harness.reloads.length;
    writeFileSync(file, 'v4');
    await harness.nextReload((r) => names(r, 'settings.ini'), after);
    expect(await shell(harness.docker, container.id, 'cat /etc/web/settings.ini; ls /etc/web')).toBe('v4settings.ini\n');
  });

  it('says so, with a hint, when the sync target is not writable', async () => {
    const { harness, tree } = watchTest('ro');
    await runServiceContainer(harness.docker, harness.project, 'web', { readOnly: true });
    const project = makeProject(harness.project, tree.dir, { web: { read_only: true, develop: { watch: [{ path: tree.dir, action: 'sync', target: '/app' }] } } });
    await harness.core.watch().start(project);
    writeFileSync(path.join(tree.dir, 'a.txt'), 'a');
    const reload = await harness.nextReload((r) => names(r, 'a.txt'));
    expect(reload.ok).toBe(false);
    expect(reload.error?.message).toMatch(/not writable/);
    expect(reload.error?.hint).toMatch(/read_only/);
  });
});
