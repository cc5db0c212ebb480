import type { BigIntStats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import type { FollowPaths } from './follow-paths';

/** A folder the engine may read through the session, by the name it asks for (`context`, `dockerfile`). */
export interface SyncedDir {
  /** Absolute folder. */
  dir: string;
  /** Whether a path (relative, with `/`) stays out; the engine's own patterns come on top. */
  excludes(rel: string): boolean;
  /** For an excluded folder: whether something inside is still wanted. */
  mustEnter(rel: string): boolean;
  /** Files served from memory instead of the folder (an inline Dockerfile), by name. */
  virtual?: ReadonlyMap<string, string>;
  /** Counted as entries are listed and file bytes sent. */
  stats?: { bytes: number; entries: number };
  /** The whole listing, made ahead (while the engine starts); followpaths pick from it. */
  listing?: () => Promise<Entry[]>;
}

/** fsutil's Stat of one entry. */
export interface Stat {
  path: string;
  mode: number;
  uid: number;
  gid: number;
  size: string;
  modTime: string;
  linkname: string;
}

/** One entry of a folder as fsutil lists it. */
export interface Entry {
  rel: string;
  stat: Stat;
  /** A regular file: the engine may ask for its content. */
  request: boolean;
}

/**
 * The entries to list, in walk order. With followpaths, an entry is listed when a pattern
 * names it or a folder above it; the folders above a listed entry are listed before it
 * (held back until then), as fsutil's walker does.
 */
export async function* walkFolder(synced: SyncedDir, only: FollowPaths | undefined, relDir = '', heldBack: { entry: Entry; listed: boolean }[] = []): AsyncGenerator<Entry> {
  if (relDir === '' && synced.virtual) {
    for (const [name, text] of [...synced.virtual].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) {
      if (only && !only.includes(name)) continue;
      const now = `${BigInt(Date.now()) * 1_000_000n}`;
      yield { rel: name, request: true, stat: { path: name, mode: 0o644, uid: 0, gid: 0, size: String(Buffer.byteLength(text)), modTime: now, linkname: '' } };
    }
    return;
  }
  const absDir = path.join(synced.dir, relDir);
  const dirents = (await readdir(absDir, { withFileTypes: true })).sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  for (const dirent of dirents) {
    const rel = relDir === '' ? dirent.name : `${relDir}/${dirent.name}`;
    const isDir = dirent.isDirectory();
    // Decided from the name and type alone: what is not wanted is not even stat'ed.
    if (synced.excludes(rel)) {
      if (isDir && synced.mustEnter(rel)) yield* walkFolder(synced, only, rel, heldBack);
      continue;
    }
    const wanted = !only || only.includes(rel);
    if (dirent.isSocket() || (!wanted && !(isDir && only?.mayContain(rel)))) continue;
    const abs = path.join(absDir, dirent.name);
    const st = await lstat(abs, { bigint: true });
    const linkname = st.isSymbolicLink() ? await readlink(abs) : '';
    const entry: Entry = { rel, request: st.isFile(), stat: statOf(rel, st, linkname) };
    if (!wanted) {
      heldBack.push({ entry, listed: false });
      yield* walkFolder(synced, only, rel, heldBack);
      heldBack.pop();
      continue;
    }
    for (const held of heldBack) {
      if (held.listed) continue;
      held.listed = true;
      yield held.entry;
    }
    yield entry;
    if (isDir) yield* walkFolder(synced, only, rel, heldBack);
  }
}

/** Everything in the folder (its own exclusions applied), in walk order. */
export async function listFolder(synced: SyncedDir): Promise<Entry[]> {
  const entries: Entry[] = [];
  for await (const entry of walkFolder(synced, undefined)) entries.push(entry);
  return entries;
}

/** The entries followpaths name, with the folders above each listed before it, from a whole listing. */
export async function* followed(entries: Entry[], only: FollowPaths | undefined): AsyncGenerator<Entry> {
  if (!only) return yield* entries;
  const held: { entry: Entry; listed: boolean }[] = [];
  for (const entry of entries) {
    while (held.length > 0 && !entry.rel.startsWith(`${held.at(-1)?.entry.rel}/`)) held.pop();
    if (only.includes(entry.rel)) {
      for (const h of held) {
        if (h.listed) continue;
        h.listed = true;
        yield h.entry;
      }
      yield entry;
    } else if (isFolder(entry) && only.mayContain(entry.rel)) {
      held.push({ entry, listed: false });
    }
  }
}

function isFolder(entry: Entry): boolean {
  return (entry.stat.mode & 0x80000000) !== 0;
}

/** fsutil's Stat: Go's os.FileMode bits, modification time in nanoseconds. */
function statOf(rel: string, st: BigIntStats, linkname: string): Stat {
  return { path: rel, mode: goFileMode(st), uid: Number(st.uid), gid: Number(st.gid), size: st.isFile() ? String(st.size) : '0', modTime: String(st.mtimeNs), linkname };
}

function goFileMode(st: BigIntStats): number {
  const mode = Number(st.mode);
  let m = mode & 0o777;
  if (mode & 0o4000) m |= 1 << 23;
  if (mode & 0o2000) m |= 1 << 22;
  if (mode & 0o1000) m |= 1 << 20;
  if (st.isDirectory()) m |= 1 << 31;
  else if (st.isSymbolicLink()) m |= 1 << 27;
  else if (st.isFIFO()) m |= 1 << 25;
  else if (st.isCharacterDevice()) m |= (1 << 26) | (1 << 21);
  else if (st.isBlockDevice()) m |= 1 << 26;
  return m >>> 0;
}
