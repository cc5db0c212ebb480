import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { watch } from 'chokidar';
import { afterEach, describe, expect, it } from 'vitest';
import { useDirentScan } from '../../../../electron/core/watch/dirent-scan';

describe('the readdir-based scan hook', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('takes over chokidar’s scan in this chokidar version and finds every folder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'slipway-scan-'));
    dirs.push(root);
    mkdirSync(path.join(root, 'a', 'b', 'c'), { recursive: true });
    mkdirSync(path.join(root, 'd'));
    writeFileSync(path.join(root, 'a', 'file.txt'), 'x');
    const watcher = watch(root, { persistent: false });
    expect(useDirentScan(watcher, { foldersOnly: true })).toBe(true);
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    const tree = watcher.getWatched();
    await watcher.close();
    const watched = Object.keys(tree).map((p) => path.relative(root, p)).sort();
    expect(watched).toEqual(expect.arrayContaining(['a', path.join('a', 'b'), path.join('a', 'b', 'c'), 'd']));
    // Our scan offers folders only: chokidar's own would have listed the file too.
    expect(tree[path.join(root, 'a')]).toEqual(['b']);
  });
});
