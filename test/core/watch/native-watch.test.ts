import { mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WatchReload } from '../../../shared/contract/watch';
import { makeProject, names, tempTree, useWatchTest } from './watch-fixture';

/** The folders this process holds an inotify watch on (Linux: /proc/self/fdinfo of each inotify descriptor). */
function inotifyWatchCount(): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (target !== 'anon_inode:inotify') continue;
    count += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n').filter((line) => line.startsWith('inotify wd:')).length;
  }
  return count;
}

function folders(root: string, count: number): void {
  for (let i = 0; i < count; i++) mkdirSync(path.join(root, `f${i}`), { recursive: true });
}

/** Reloads name paths relative to the project folder; a sync rule with no container still reports one. */
const naming = (file: string) => (r: WatchReload) => names(r, file);

describe.runIf(process.platform === 'linux')('watch: the native watcher', () => {
  const watchTest = useWatchTest();

  it('does not watch ignored folders: node_modules and .git at any depth, the rule’s ignore and the .dockerignore', async () => {
    const { harness, tree } = watchTest('nwignore');
    const app = path.join(tree.dir, 'app');
    folders(path.join(app, 'src'), 3);
    folders(path.join(app, 'node_modules'), 40);
    folders(path.join(app, 'src', 'f0', 'node_modules'), 20);
    folders(path.join(app, '.git', 'objects'), 30);
    folders(path.join(app, 'build'), 25);
    folders(path.join(app, 'cache'), 15);
    writeFileSync(path.join(app, '.dockerignore'), 'cache\n');
    const project = makeProject(harness.project, tree.dir, {
      web: { build: { context: app }, develop: { watch: [{ path: app, action: 'sync', target: '/app', ignore: ['build/'] }] } },
    });
    const before = inotifyWatchCount();
    await harness.core.watch().start(project);
    // app, src, src/f0..f2: nothing of the 130 ignored folders.
    expect(inotifyWatchCount() - before).toBe(5);

    // A node_modules made after the start is not watched either.
    folders(path.join(app, 'src', 'f1', 'node_modules'), 10);
    writeFileSync(path.join(app, 'src', 'f1', 'kept.txt'), 'x');
    await harness.nextReload(naming('app/src/f1/kept.txt'));
    expect(inotifyWatchCount() - before).toBe(5);
    await harness.core.watch().stop(harness.project);
    expect(inotifyWatchCount()).toBe(before);
  });

  it('watches the folders inside a folder that appears whole: mkdir -p, or moved in', async () => {
    const { harness, tree } = watchTest('nwnested');
    const outside = tempTree();
    try {
      const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: tree.dir, action: 'sync', target: '/app' }] } } });
      await harness.core.watch().start(project);

      mkdirSync(path.join(tree.dir, 'a', 'b', 'c'), { recursive: true });
      writeFileSync(path.join(tree.dir, 'a', 'b', 'c', 'one.txt'), '1');
      await harness.nextReload(naming('a/b/c/one.txt'));
      // Written after the folder was seen: only a watch on a/b/c can tell.
      const from = harness.reloads.length;
      writeFileSync(path.join(tree.dir, 'a', 'b', 'c', 'two.txt'), '2');
      await harness.nextReload(naming('a/b/c/two.txt'), from);

      mkdirSync(path.join(outside.dir, 'pkg', 'deep', 'er'), { recursive: true });
      writeFileSync(path.join(outside.dir, 'pkg', 'deep', 'er', 'old.txt'), 'old');
      renameSync(path.join(outside.dir, 'pkg'), path.join(tree.dir, 'pkg'));
      await harness.nextReload(naming('pkg/deep/er/old.txt'));
      const later = harness.reloads.length;
      writeFileSync(path.join(tree.dir, 'pkg', 'deep', 'er', 'new.txt'), 'new');
      await harness.nextReload(naming('pkg/deep/er/new.txt'), later);
    } finally {
      outside.cleanup();
    }
  });

  it('reports both names of a rename, and a root deleted then made again is watched again', async () => {
    const { harness, tree } = watchTest('nwrename');
    const app = path.join(tree.dir, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'old.txt'), 'x');
    const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: app, action: 'sync', target: '/app' }] } } });
    await harness.core.watch().start(project);

    renameSync(path.join(app, 'old.txt'), path.join(app, 'new.txt'));
    const renamed = await harness.nextReload(naming('app/new.txt'));
    expect(renamed.files).toContain('app/old.txt');

    rmSync(app, { recursive: true });
    await harness.nextReload(naming('app'));
    mkdirSync(path.join(app, 'sub'), { recursive: true });
    writeFileSync(path.join(app, 'sub', 'back.txt'), 'back');
    await harness.nextReload(naming('app/sub/back.txt'));
    const from = harness.reloads.length;
    writeFileSync(path.join(app, 'sub', 'again.txt'), 'again');
    await harness.nextReload(naming('app/sub/again.txt'), from);
  });

  it('watches a rule path that is a symbolic link to a folder, naming files by the link', async () => {
    const { harness, tree } = watchTest('nwlink');
    const outside = tempTree();
    try {
      mkdirSync(path.join(outside.dir, 'real', 'sub'), { recursive: true });
      symlinkSync(path.join(outside.dir, 'real'), path.join(tree.dir, 'linked'));
      const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: path.join(tree.dir, 'linked'), action: 'sync', target: '/app' }] } } });
      const state = await harness.core.watch().start(project);
      expect(state.error).toBeUndefined();
      writeFileSync(path.join(outside.dir, 'real', 'sub', 'through.txt'), 'x');
      await harness.nextReload(naming('linked/sub/through.txt'));
    } finally {
      outside.cleanup();
    }
  });
});
