import { lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pack, type Header as TarHeader, type Pack } from 'tar-stream';
import { SlipwayError } from '../../../shared/errors';
import { contextFilter, readDockerignore, type ContextFilter } from '../images/dockerignore';
import { errnoCode } from '../thrown';

export interface PackStats {
  /** Tar entries written (files, folders, links). */
  entries: number;
  bytes: number;
}

export interface FolderArchive {
  stream: Readable;
  stats: PackStats;
  /** Why the stream stopped early (an unreadable file names itself), if it did. */
  failure(): Error | undefined;
}

/** Bytes (or entries) written before the walk waits for the reader: the memory bound, and a turn of the event loop. */
const PAUSE_BYTES = 1024 * 1024;
const PAUSE_ENTRIES = 256;

/**
 * A folder as one tar stream for a synchronized share's fill: `.dockerignore` applied as
 * for a build context, modes, mtimes (whole seconds) and symlinks kept, names relative to
 * the folder. The walk uses synchronous file-system calls in short slices (a small file
 * costs one lstat and one read, no thread-pool round trips: a 10 000-file tree packs 3–4×
 * faster than with promises) and waits for the reader every ~1 MiB, so memory stays bounded
 * and the event loop keeps turning.
 */
export async function packFolder(folder: string, who: string): Promise<FolderArchive> {
  const ignoreFile = await readDockerignore(folder);
  const filter = contextFilter(ignoreFile.patterns, undefined);
  const stats: PackStats = { entries: 0, bytes: 0 };
  const tar = pack();
  const walker = new Walker(tar, folder, filter, who, stats);
  void walker.run();
  return { stream: Readable.from(counted(tar, stats), { objectMode: false }), stats, failure: () => walker.failure };
}

async function* counted(source: Pack, stats: PackStats): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const bytes = chunk as Buffer;
    stats.bytes += bytes.length;
    yield bytes;
  }
}

class Walker {
  failure: Error | undefined;
  private sinceBytes = 0;
  private sinceEntries = 0;

  constructor(private readonly tar: Pack, private readonly root: string, private readonly filter: ContextFilter, private readonly who: string, private readonly stats: PackStats) {}

  async run(): Promise<void> {
    try {
      await this.walk('');
      this.tar.finalize();
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      if (!this.tar.destroying) this.tar.destroy(this.failure);
    }
  }

  private async walk(relDir: string): Promise<void> {
    const absDir = relDir === '' ? this.root : path.join(this.root, relDir);
    for (const name of this.read(() => readdirSync(absDir), relDir || '.').sort(byteOrder)) {
      if (this.tar.destroying) return;
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      const abs = path.join(absDir, name);
      const st = lstatSync(abs, { throwIfNoEntry: false });
      if (!st) continue; // gone since the listing: the watcher syncs its deletion
      // An excluded folder is still entered when a `!` exception may want something below it.
      const excluded = this.filter.excludes(rel);
      if (!excluded) await this.add(rel, abs, st);
      if (st.isDirectory() && (!excluded || this.filter.mustEnter(rel))) await this.walk(rel);
    }
  }

  private async add(rel: string, abs: string, st: Stats): Promise<void> {
    const header = headerOf(rel, st);
    let content: Buffer | undefined;
    if (st.isDirectory()) Object.assign(header, { name: `${rel}/`, type: 'directory' });
    else if (st.isSymbolicLink()) Object.assign(header, { type: 'symlink', linkname: this.read(() => readlinkSync(abs), rel) });
    else if (st.isFile()) {
      content = this.read(() => readFileSync(abs), rel);
      header.type = 'file';
    } else return; // sockets, fifos, devices: not source
    this.stats.entries += 1;
    this.sinceEntries += 1;
    this.sinceBytes += content?.length ?? 0;
    const written = new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : resolve());
      if (content) this.tar.entry(header, content, done);
      else this.tar.entry(header, done);
    });
    if (this.sinceBytes < PAUSE_BYTES && this.sinceEntries < PAUSE_ENTRIES) {
      written.catch(() => undefined);
      return;
    }
    this.sinceBytes = 0;
    this.sinceEntries = 0;
    await written;
  }

  private read<T>(read: () => T, rel: string): T {
    try {
      return read();
    } catch (error) {
      throw new SlipwayError('share_unreadable', `${this.who}cannot read ${path.join(this.root, rel)} (${errnoCode(error) ?? 'error'})`, "Fix its permissions, or list it in the folder's .dockerignore.");
    }
  }
}

/** As the Docker CLI writes it: permission bits, mtime in whole seconds, owned by root. */
function headerOf(name: string, st: Stats): Partial<TarHeader> & Pick<TarHeader, 'name'> {
  return { name, mode: st.mode & 0o7777, mtime: new Date(Math.floor(st.mtimeMs / 1000) * 1000), uid: 0, gid: 0 };
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
