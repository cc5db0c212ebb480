import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Dirent } from 'node:fs';
import type { FSWatcher } from 'chokidar';

interface ScanEntry {
  path: string;
  fullPath: string;
  basename: string;
  stats: DirentStats;
}

interface ScanOptions {
  fileFilter?: (entry: ScanEntry) => boolean;
  directoryFilter?: (entry: ScanEntry) => boolean;
}

/** Just enough of fs.Stats, from a Dirent: what chokidar's filters and our `ignored` look at. */
class DirentStats {
  readonly mode: number;
  readonly mtimeMs = 0;
  readonly atimeMs = 0;

  constructor(private readonly dirent: Dirent) {
    this.mode = dirent.isDirectory() ? 0o40755 : 0o100644;
  }

  isDirectory(): boolean {
    return this.dirent.isDirectory();
  }

  isFile(): boolean {
    return this.dirent.isFile();
  }

  isSymbolicLink(): boolean {
    return this.dirent.isSymbolicLink();
  }
}

/**
 * chokidar lstat()s every entry of every folder it scans; on a 50k-file tree that is the
 * whole cost of getting ready (seconds), and the watcher ignores files anyway (it watches
 * folders and reads their native events). This gives chokidar a scan built from
 * readdir's file types instead; with `foldersOnly`, files are not even offered to chokidar
 * (for a watcher whose `ignored` drops every file anyway). Returns false (and changes nothing) if this chokidar
 * version has no such hook; it then scans the slow way, with the same results.
 */
export function useDirentScan(watcher: FSWatcher, options: { foldersOnly?: boolean } = {}): boolean {
  // chokidar's private scan hook, read and replaced by name: no cast, and a version without it is left alone.
  const streams: unknown = Reflect.get(watcher, '_streams');
  if (typeof Reflect.get(watcher, '_readdirp') !== 'function' || !(streams instanceof Set)) return false;
  const readdirp = (root: string, scanOptions: ScanOptions): Readable | undefined => {
    if (Reflect.get(watcher, 'closed') === true) return undefined;
    const stream = Readable.from(scan(root, scanOptions, options.foldersOnly ?? false), { objectMode: true });
    streams.add(stream);
    stream.once('close', () => streams.delete(stream));
    stream.once('end', () => streams.delete(stream));
    return stream;
  };
  Reflect.set(watcher, '_readdirp', readdirp);
  return true;
}

async function* scan(root: string, options: ScanOptions, foldersOnly: boolean): AsyncGenerator<ScanEntry> {
  // A folder gone between discovery and scan is simply empty (chokidar would wait forever on an error).
  const dirents = await readdir(root, { withFileTypes: true }).catch(() => [] as Dirent[]);
  for (const dirent of dirents) {
    if (foldersOnly && !dirent.isDirectory()) continue;
    const entry: ScanEntry = { path: dirent.name, fullPath: path.join(root, dirent.name), basename: dirent.name, stats: new DirentStats(dirent) };
    const keep = dirent.isDirectory() ? (options.directoryFilter?.(entry) ?? true) : (options.fileFilter?.(entry) ?? true);
    if (keep) yield entry;
  }
}
