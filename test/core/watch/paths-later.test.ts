import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WatchRule } from '../../../shared/model/project';
import { makeProject, names, runServiceContainer, shell, useWatchTest } from './watch-fixture';

describe('watch: paths that appear after the watcher started', () => {
  const watchTest = useWatchTest();

  it('watches every missing path as soon as it exists, one after another and at any depth', async () => {
    const { harness, tree } = watchTest('later');
    const container = await runServiceContainer(harness.docker, harness.project, 'web');
    const rule = (folder: string, target: string): WatchRule => ({ path: path.join(tree.dir, folder), action: 'sync', target });
    const project = makeProject(harness.project, tree.dir, {
      web: { develop: { watch: [rule('a', '/a'), rule('b', '/b'), rule('c', '/c'), rule('deep/er/est', '/deep')] } },
    });
    const state = await harness.core.watch().start(project);
    expect(state.watching).toBe(true);

    // Each missing folder in turn, a file in it; the last one three levels below what exists.
    const steps: Array<[string, string]> = [
      ['a', '/a'],
      ['b', '/b'],
      ['c', '/c'],
      ['deep/er/est', '/deep'],
    ];
    for (const [folder, target] of steps) {
      mkdirSync(path.join(tree.dir, folder), { recursive: true });
      const file = `${folder}/file.txt`;
      writeFileSync(path.join(tree.dir, file), `in ${folder}`);
      await harness.nextReload((r) => names(r, file) && r.ok, 0);
      expect(await shell(harness.docker, container.id, `cat ${target}/file.txt`)).toBe(`in ${folder}`);
    }

    // Inside a folder that appeared late: new nested folders and files are watched too.
    mkdirSync(path.join(tree.dir, 'b', 'x', 'y'), { recursive: true });
    writeFileSync(path.join(tree.dir, 'b', 'x', 'y', 'nested.txt'), 'nested');
    await harness.nextReload((r) => names(r, 'b/x/y/nested.txt') && r.ok, 0);
    expect(await shell(harness.docker, container.id, 'cat /b/x/y/nested.txt')).toBe('nested');
    writeFileSync(path.join(tree.dir, 'a', 'file.txt'), 'a again');
    await harness.nextReload((r) => names(r, 'a/file.txt') && r.ok && r.at > 0, harness.reloads.length);
    expect(await shell(harness.docker, container.id, 'cat /a/file.txt')).toBe('a again');
  });
});
