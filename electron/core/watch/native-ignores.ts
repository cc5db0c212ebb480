import path from 'node:path';
import { IGNORED_DIR_PATTERN, inIgnoredDir } from './path-filter';
import { listTree } from './sync-files';
import type { PlannedRule } from './watch-plan';

/**
 * What the native watcher leaves out of its scan and its watches under `folder` (a watched
 * root, or a folder that appeared inside one):
 *  - the always-ignored folders (.git, node_modules, …) at any depth, as a pattern, so one
 *    created later (an `npm install`) is not watched either — unless a rule's own path lies
 *    inside such a folder;
 *  - when a rule has ignore patterns of its own (or its build context a `.dockerignore`), the
 *    folders those prune (`prunable`), found by one scan of folder names. A folder created
 *    later that only such a pattern ignores is watched, and its events dropped by the rules.
 */
export async function nativeIgnores(folder: string, rules: PlannedRule[], prunable: (absolute: string) => boolean): Promise<Array<string | RegExp>> {
  const relevant = rules.filter((r) => r.filter.covers(folder) || isInside(r.filter.root, folder));
  const patternHolds = !relevant.some((r) => isInside(r.filter.root, folder) && inIgnoredDir(relative(folder, r.filter.root)));
  const ignore: Array<string | RegExp> = patternHolds ? [IGNORED_DIR_PATTERN] : [];
  if (patternHolds && !relevant.some((r) => r.filter.narrows)) return ignore;
  await listTree(folder, (absolute, isDirectory) => {
    if (!isDirectory) return true;
    if (patternHolds && IGNORED_DIR_PATTERN.test(relative(folder, absolute))) return true;
    if (!prunable(absolute)) return false;
    ignore.push(absolute);
    return true;
  });
  return ignore;
}

function isInside(candidate: string, folder: string): boolean {
  return candidate.startsWith(folder + path.sep);
}

function relative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}
