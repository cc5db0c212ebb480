import { createReadStream, createWriteStream } from 'node:fs';
import { link, lstat, mkdir, readdir, readFile, readlink, stat, symlink, utimes, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, pack, type Header, type Pack } from 'tar-stream';
import { rebaseEntry, type CopyPlacement } from './copy-paths';

/**
 * Writes an archive from the engine (GET /containers/{id}/archive) onto the host, its root
 * renamed as `placement` says. Entries that would land outside the placement are skipped.
 */
export async function extractToHost(archive: NodeJS.ReadableStream, placement: CopyPlacement): Promise<void> {
  const unpack = extract();
  const folders = new Folders();
  const root = path.resolve(placement.dir);
  const inside = (target: string) => target === root || target.startsWith(`${root}${path.sep}`);
  unpack.on('entry', (header, stream, next) => {
    const done = (error?: unknown) => (error ? next(error instanceof Error ? error : new Error(String(error))) : next());
    const rebased = rebaseEntry(header.name, placement.rootName);
    const target = rebased === undefined ? undefined : path.resolve(root, rebased);
    if (target === undefined || !inside(target)) {
      stream.resume();
      stream.on('end', () => done());
      return;
    }
    writeEntry(header, stream, target, folders, (name) => {
      const other = rebaseEntry(name, placement.rootName);
      return other === undefined ? undefined : path.resolve(root, other);
    }).then(() => done(), done);
  });
  const finished = new Promise<void>((resolve, reject) => {
    unpack.on('finish', () => resolve());
    unpack.on('error', reject);
  });
  for await (const chunk of archive) {
    if (!unpack.write(chunk)) await once(unpack, 'drain');
  }
  unpack.end(null);
  await finished;
}

/** An entry's content as tar-stream hands it over (a streamx Readable). */
type EntryStream = AsyncIterable<unknown> & { resume(): unknown };

/** Folders made (or found) during one extraction: each is made once, not once per file in it. */
class Folders {
  private readonly made = new Set<string>();

  async ensure(dir: string, mode?: number): Promise<void> {
    if (this.made.has(dir)) return;
    await mkdir(dir, { recursive: true, ...(mode !== undefined ? { mode } : {}) });
    this.made.add(dir);
  }
}

/** Files up to this size are read and written whole (one call each instead of a stream per file). */
const WHOLE_FILE_BYTES = 1024 * 1024;

async function writeEntry(header: Header, stream: EntryStream, target: string, folders: Folders, mapLink: (name: string) => string | undefined): Promise<void> {
  const mode = header.mode !== undefined ? header.mode & 0o7777 : undefined;
  if (header.type === 'directory') {
    stream.resume();
    await folders.ensure(target, mode);
    return;
  }
  await folders.ensure(path.dirname(target));
  if (header.type === 'symlink') {
    stream.resume();
    await rm(target, { force: true });
    await symlink(header.linkname ?? '', target);
    return;
  }
  if (header.type === 'link') {
    stream.resume();
    const from = mapLink(header.linkname ?? '');
    if (from !== undefined) {
      await rm(target, { force: true });
      await link(from, target);
    }
    return;
  }
  if (header.type !== 'file' && header.type !== 'contiguous-file') {
    stream.resume();
    return;
  }
  if (header.size <= WHOLE_FILE_BYTES) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    await writeFile(target, Buffer.concat(chunks), mode !== undefined ? { mode } : {});
  } else {
    await pipeline(Readable.from(stream), createWriteStream(target, mode !== undefined ? { mode } : {}));
  }
  if (header.mtime) await utimes(target, header.mtime, header.mtime).catch(() => undefined);
}

/**
 * A tar of a host file or folder as `docker cp` sends it: the root named `rootName` (or,
 * undefined, a folder's contents at the top), symlinks kept as links (the root followed with
 * `followLink`), and the files' uid/gid (which the engine keeps only with copyUIDGID).
 */
export function packFromHost(source: string, rootName: string | undefined, options: { followLink: boolean }): Readable {
  const archive = pack();
  void (async () => {
    const info = options.followLink ? await stat(source) : await lstat(source);
    await addEntry(archive, source, rootName, info);
    archive.finalize();
  })().catch((error: unknown) => archive.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.from(archive);
}

type Stats = Awaited<ReturnType<typeof stat>>;

async function addEntry(archive: Pack, file: string, name: string | undefined, info: Stats): Promise<void> {
  const common = { mode: Number(info.mode) & 0o7777, mtime: info.mtime, uid: Number(info.uid), gid: Number(info.gid) };
  if (info.isDirectory()) {
    if (name !== undefined) await entry(archive, { ...common, name: `${name}/`, type: 'directory' });
    for (const child of (await readdir(file)).sort()) {
      const childPath = path.join(file, child);
      await addEntry(archive, childPath, name === undefined ? child : `${name}/${child}`, await lstat(childPath));
    }
    return;
  }
  if (name === undefined) return;
  if (info.isSymbolicLink()) {
    await entry(archive, { ...common, name, type: 'symlink', linkname: await readlink(file) });
    return;
  }
  if (!info.isFile()) return;
  if (Number(info.size) <= WHOLE_FILE_BYTES) {
    const content = await readFile(file);
    await new Promise<void>((resolve, reject) => archive.entry({ ...common, name, type: 'file', size: content.length }, content, (error) => (error ? reject(error) : resolve())));
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const sink = archive.entry({ ...common, name, type: 'file', size: Number(info.size) }, (error) => (error ? reject(error) : resolve()));
    const source = createReadStream(file).on('error', reject);
    source.on('data', (chunk) => {
      if (!sink.write(chunk)) {
        source.pause();
        sink.once('drain', () => source.resume());
      }
    });
    source.on('end', () => sink.end(null));
  });
}

function entry(archive: Pack, header: Parameters<Pack['entry']>[0]): Promise<void> {
  return new Promise((resolve, reject) => archive.entry(header, (error) => (error ? reject(error) : resolve())));
}
