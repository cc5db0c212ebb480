import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeIgnores } from '../../../../electron/core/watch/native-ignores';
import { IGNORED_DIR_PATTERN } from '../../../../electron/core/watch/path-filter';
import { describeWatchError } from '../../../../electron/core/watch/watch-errors';
import { planWatch } from '../../../../electron/core/watch/watch-plan';
import type { Project, WatchRule } from '../../../../shared/model/project';

const dir = mkdtempSync(path.join(os.tmpdir(), 'swni-'));
for (const rel of ['src/a', 'src/build/x', 'build', 'node_modules/dep', 'docs']) mkdirSync(path.join(dir, rel), { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rules(...watch: WatchRule[]) {
  const project: Project = { name: 'p', workingDir: dir, configFiles: [], profiles: [], model: { name: 'p', services: { web: { develop: { watch } } } }, disabledServices: {}, warnings: [] };
  return planWatch(project).rules;
}
const prunable = (planned: ReturnType<typeof rules>) => (absolute: string) => planned.filter((r) => r.filter.covers(absolute)).every((r) => r.filter.prunes(absolute));

describe('what the native watcher leaves out', () => {
  it('matches a path through an always-ignored folder, and nothing else', () => {
    for (const rel of ['node_modules', 'a/node_modules', 'a/.git/objects', '.vscode']) expect(IGNORED_DIR_PATTERN.test(rel), rel).toBe(true);
    for (const rel of ['a/xnode_modules', 'a/.gitx', 'a.git', 'src/app.py']) expect(IGNORED_DIR_PATTERN.test(rel), rel).toBe(false);
  });

  it('gives the pattern alone when no rule has patterns of its own (no scan)', async () => {
    const planned = rules({ path: dir, action: 'sync', target: '/app' });
    expect(await nativeIgnores(dir, planned, prunable(planned))).toEqual([IGNORED_DIR_PATTERN]);
  });

  it('adds the folders a rule’s ignore prunes, found by a scan', async () => {
    const planned = rules({ path: dir, action: 'sync', target: '/app', ignore: ['build/', 'docs'] });
    const ignore = await nativeIgnores(dir, planned, prunable(planned));
    expect(ignore[0]).toBe(IGNORED_DIR_PATTERN);
    expect(ignore.slice(1).sort()).toEqual([path.join(dir, 'build'), path.join(dir, 'docs')]);
  });

  it('drops the pattern when a rule’s path lies inside an always-ignored folder', async () => {
    const planned = rules({ path: dir, action: 'sync', target: '/app' }, { path: path.join(dir, 'node_modules', 'dep'), action: 'sync', target: '/dep' });
    expect(await nativeIgnores(dir, planned, () => false)).toEqual([]);
  });

  it('names the watch limit in the native watcher’s words', () => {
    const error = describeWatchError(new Error(`inotify_add_watch on '${dir}' failed: No space left on device`));
    expect(error.message).toMatch(/system limit on watched files/);
    expect(error.hint).toMatch(/max_user_watches/);
  });
});
