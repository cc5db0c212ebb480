import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { followed, listFolder, walkFolder, type Entry, type SyncedDir } from '../../../../electron/core/images/buildkit/folder-walk';
import { followPaths } from '../../../../electron/core/images/buildkit/follow-paths';

async function names(entries: AsyncIterable<Entry>): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of entries) out.push(entry.rel);
  return out;
}

describe('a folder listed for the engine', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('walks folders before their contents in byte order, exclusions applied, and picks followpaths from a whole listing as the walk does', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swwalk-'));
    for (const file of ['Dockerfile', 'src/b.js', 'src/a/x.js', 'src/B.md', 'docs/one.md', 'docs/deep/two.md', 'node_modules/m/i.js']) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), file);
    }
    const synced: SyncedDir = { dir, excludes: (rel) => rel === 'node_modules', mustEnter: () => false };
    const all = await listFolder(synced);
    expect(all.map((e) => e.rel)).toEqual(['Dockerfile', 'docs', 'docs/deep', 'docs/deep/two.md', 'docs/one.md', 'src', 'src/B.md', 'src/a', 'src/a/x.js', 'src/b.js']);
    for (const patterns of [['src'], ['docs/*.md'], ['Dockerfile', 'src/a'], ['**/*.md']]) {
      const only = followPaths(patterns);
      expect(await names(followed(all, only))).toEqual(await names(walkFolder(synced, only)));
    }
    expect(await names(followed(all, followPaths(['docs/*.md'])))).toEqual(['docs', 'docs/one.md']);
  });
});
