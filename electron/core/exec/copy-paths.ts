import path from 'node:path';

/**
 * Where a copied tree's root entry goes, the way `docker cp` (and Compose's cp, which uses the
 * Docker CLI's archive package) decides it from the source and what is at the destination.
 */
export interface CopyPlacement {
  /** The folder the archive is extracted into. */
  dir: string;
  /** The name the source's root takes there; undefined: the source folder's contents go straight into `dir` (`SRC/.`). */
  rootName: string | undefined;
}

export interface Destination {
  path: string;
  exists: boolean;
  isDir: boolean;
}

/** `SRC/.`: a folder's contents, not the folder itself. */
export function copiesContents(source: string): boolean {
  return source === '.' || source.endsWith('/.');
}

/** The last part of a path as `docker cp` reads it (`/a/b/` → `b`, `/a/b/.` → `b`). */
export function baseName(p: string): string {
  const trimmed = p.replace(/\/\.$/, '').replace(/\/+$/, '');
  return path.posix.basename(trimmed === '' ? '/' : trimmed);
}

/**
 * Decides the placement, or says why the copy cannot be made (in words for the user):
 * a folder onto a file, or a missing folder named with a trailing slash.
 */
export function placeCopy(source: { path: string; isDir: boolean }, dest: Destination): CopyPlacement | string {
  const destName = baseName(dest.path);
  const destParent = path.posix.dirname(dest.path.replace(/\/+$/, '') || '/');
  if (dest.exists && dest.isDir) {
    if (source.isDir && copiesContents(source.path)) return { dir: dest.path, rootName: undefined };
    return { dir: dest.path, rootName: baseName(source.path) };
  }
  if (dest.exists) {
    if (source.isDir) return `cannot copy a directory onto the file ${dest.path}`;
    return { dir: destParent, rootName: destName };
  }
  if (dest.path.endsWith('/') && !source.isDir) return `destination directory ${dest.path} does not exist`;
  return { dir: destParent, rootName: destName };
}

/**
 * An archive entry's path once its root is renamed: `app/x/y` with root `app` → `NEW/x/y`
 * (or `x/y` when the contents go straight in). Undefined for the root itself in that case, and
 * for a name that would climb out of where it is extracted.
 */
export function rebaseEntry(name: string, rootName: string | undefined): string | undefined {
  const normal = path.posix.normalize(name.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (normal === '..' || normal.startsWith('../') || normal === '.' || normal === '') return undefined;
  const slash = normal.indexOf('/');
  const rest = slash < 0 ? '' : normal.slice(slash + 1);
  if (rootName === undefined) return rest === '' ? undefined : rest;
  return rest === '' ? rootName : `${rootName}/${rest}`;
}
