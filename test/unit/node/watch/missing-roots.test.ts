import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MissingRoots } from '../../../../electron/core/watch/missing-roots';

describe('MissingRoots', () => {
  let dir = '';
  let roots: MissingRoots | undefined;
  afterEach(() => {
    roots?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The roots as they appear, one promise per call to `next()`. */
  function track(): { roots: MissingRoots; next: () => Promise<string> } {
    const seen: string[] = [];
    const waiting: Array<(root: string) => void> = [];
    const tracker = new MissingRoots((root) => {
      const resolve = waiting.shift();
      if (resolve) resolve(root);
      else seen.push(root);
    });
    return { roots: tracker, next: () => new Promise((resolve) => (seen.length > 0 ? resolve(seen.shift() ?? '') : waiting.push(resolve))) };
  }

  it('hands over each missing path once it exists: siblings in turn, and several levels deep', async () => {
    dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'swmissing-')));
    const tracked = track();
    roots = tracked.roots;
    const wanted = ['a', 'b', 'c', 'x/y/z', 'x/y/w'].map((p) => path.join(dir, p));
    for (const root of wanted) roots.add(root);
    expect(roots.pending().sort()).toEqual([...wanted].sort());
    for (const name of ['a', 'b', 'c']) {
      mkdirSync(path.join(dir, name));
      expect(await tracked.next()).toBe(path.join(dir, name));
    }
    mkdirSync(path.join(dir, 'x', 'y', 'z'), { recursive: true });
    expect(await tracked.next()).toBe(path.join(dir, 'x/y/z'));
    writeFileSync(path.join(dir, 'x', 'y', 'w'), 'a file root');
    expect(await tracked.next()).toBe(path.join(dir, 'x/y/w'));
    expect(roots.pending()).toEqual([]);
  });

  it('moves down as the folders between appear, one at a time', async () => {
    dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'swmissing-')));
    const root = path.join(dir, 'p', 'q', 'r');
    const waits: Array<{ dir: string; resolve: () => void }> = [];
    const waitedOn = (folder: string) => new Promise<void>((resolve) => waits.push({ dir: folder, resolve }));
    let appeared!: (root: string) => void;
    const done = new Promise<string>((resolve) => (appeared = resolve));
    roots = new MissingRoots(appeared, (_root, folder) => {
      for (const wait of waits.filter((w) => w.dir === folder)) wait.resolve();
    });
    roots.add(root);
    const onP = waitedOn(path.join(dir, 'p'));
    mkdirSync(path.join(dir, 'p'));
    await onP;
    const onQ = waitedOn(path.join(dir, 'p', 'q'));
    mkdirSync(path.join(dir, 'p', 'q'));
    await onQ;
    mkdirSync(root);
    expect(await done).toBe(root);
  });

  it('calls back at once for a path that already exists', () => {
    dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'swmissing-')));
    const appeared: string[] = [];
    roots = new MissingRoots((root) => appeared.push(root));
    roots.add(dir);
    expect(appeared).toEqual([dir]);
  });
});
