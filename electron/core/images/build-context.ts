import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, open, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pack, type Header as TarHeader, type Pack } from 'tar-stream';

import { SlipwayError, toError } from '../../../shared/errors';
import { contextFilter, readDockerignore, type ContextFilter } from './dockerignore';
import { errnoCode } from '../thrown';

type HeaderArg = Partial<TarHeader> & Pick<TarHeader, 'name'>;

export interface BuildContextOptions {
  /** Absolute context directory. */
  contextDir: string;
  /** `build.dockerfile`: relative to the context (or absolute); default `Dockerfile`. */
  dockerfile?: string;
  /** `build.dockerfile_inline`: the Dockerfile's text, sent under a generated name. */
  dockerfileInline?: string;
  /** For messages: whose context this is. */
  service?: string;
  signal?: AbortSignal;
}

export interface ContextStats {
  bytes: number;
  entries: number;
}

export interface BuildContext {
  /** The tar stream, produced as it is read (nothing is buffered beyond one chunk). */
  stream: Readable;
  /** The `dockerfile` parameter of POST /build: a path inside the tar. */
  dockerfileName: string;
  /** The Dockerfile's text (read once, for messages and FROM lines). */
  dockerfileText: string;
  /** Filled in as the stream is read; final when it ends. */
  stats: ContextStats;
  /** Why the stream stopped early (an unreadable file, …), if it did. */
  failure(): Error | undefined;
}

const CHUNK = 256 * 1024;

/**
 * The build context as the Docker CLI sends it to the classic builder: a tar of the
 * context directory in lexical walk order, `.dockerignore` applied (excluded directories
 * are not even entered unless an exception needs them), the Dockerfile and .dockerignore
 * always included, uid/gid 0, modes and mtimes (whole seconds) kept, symlinks as links,
 * hard links as links to the first name. A Dockerfile outside the context, or an inline
 * one, travels as `.dockerfile.<random>` and is listed in .dockerignore so it does not
 * end up in the image, as the CLI does it.
 */
export async function createBuildContext(options: BuildContextOptions): Promise<BuildContext> {
  const who = options.service ? `service ${options.service}: ` : '';
  const contextDir = await realContextDir(options.contextDir, who);
  const dockerfile = await locateDockerfile(contextDir, options, who);
  const ignoreFile = await readDockerignore(contextDir);
  const filter = contextFilter(ignoreFile.patterns, dockerfile.inContext ? dockerfile.name : undefined);
  const stats: ContextStats = { bytes: 0, entries: 0 };
  const tar = pack();
  const extra = dockerfile.inContext ? undefined : { name: dockerfile.name, text: dockerfile.text };
  const writer = new ContextWriter(tar, contextDir, filter, extra, ignoreFile.text, who, stats);
  const stream = Readable.from(countBytes(tar, stats), { objectMode: false });
  const onAbort = () => tar.destroy(options.signal?.reason instanceof Error ? options.signal.reason : new Error('cancelled'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  void writer.run().finally(() => options.signal?.removeEventListener('abort', onAbort));
  return { stream, dockerfileName: dockerfile.name, dockerfileText: dockerfile.text, stats, failure: () => writer.failure };
}

async function* countBytes(source: Pack, stats: ContextStats): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk instanceof Uint8Array ? chunk : String(chunk));
    stats.bytes += bytes.length;
    yield bytes;
  }
}

/** The context folder's real path; a remote context or a missing folder is refused with what to do. */
export async function realContextDir(dir: string, who: string): Promise<string> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dir) || dir.startsWith('git@')) {
    throw new SlipwayError('build_context_remote', `${who}remote build contexts (${dir}) are not supported`, 'Clone the repository and point build.context at the folder.');
  }
  try {
    const real = await realpath(dir);
    if (!(await lstat(real)).isDirectory()) throw new Error('not a directory');
    return real;
  } catch {
    throw new SlipwayError('build_context_missing', `${who}the build context ${dir} is not a folder`, 'Fix build.context in the compose file.');
  }
}

export interface LocatedDockerfile {
  /** The name inside the tar. */
  name: string;
  /** Its real path on disk (absent for an inline Dockerfile). */
  file?: string;
  inContext: boolean;
  text: string;
}

/** The Dockerfile of a build: `dockerfile_inline`, `build.dockerfile`, else `Dockerfile` (or `dockerfile`). */
export async function locateDockerfile(contextDir: string, options: BuildContextOptions, who: string): Promise<LocatedDockerfile> {
  if (options.dockerfileInline !== undefined) {
    return { name: generatedName(), inContext: false, text: options.dockerfileInline };
  }
  let file = path.resolve(contextDir, options.dockerfile ?? 'Dockerfile');
  if (options.dockerfile === undefined && !(await exists(file)) && (await exists(path.join(contextDir, 'dockerfile')))) {
    file = path.join(contextDir, 'dockerfile');
  }
  let real: string;
  let text: string;
  try {
    real = await realpath(file);
    text = await readText(real);
  } catch {
    throw new SlipwayError('dockerfile_missing', `${who}cannot read the Dockerfile ${file}`, 'Create it, or set build.dockerfile (relative to build.context) or build.dockerfile_inline.');
  }
  const rel = path.relative(contextDir, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { name: generatedName(), file: real, inContext: false, text };
  return { name: rel.split(path.sep).join('/'), file: real, inContext: true, text };
}

function generatedName(): string {
  return `.dockerfile.${randomBytes(10).toString('hex')}`;
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(() => true, () => false);
}

async function readText(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Walks the context and writes tar entries one at a time, waiting for the reader. */
class ContextWriter {
  private readonly seenInodes = new Map<string, string>();
  failure: Error | undefined;

  constructor(
    private readonly tar: Pack,
    private readonly root: string,
    private readonly filter: ContextFilter,
    private readonly extraDockerfile: { name: string; text: string } | undefined,
    private readonly dockerignoreText: string | undefined,
    private readonly who: string,
    private readonly stats: ContextStats,
  ) {}

  async run(): Promise<void> {
    try {
      await this.walk('');
      if (this.extraDockerfile) {
        const now = new Date();
        await this.writeBuffer({ name: this.extraDockerfile.name, mode: 0o600, mtime: now, type: 'file' }, Buffer.from(this.extraDockerfile.text));
        if (this.dockerignoreText === undefined) {
          // As the CLI writes it: it ignores itself too, so neither file reaches the image.
          await this.writeBuffer({ name: '.dockerignore', mode: 0o600, mtime: now, type: 'file' }, Buffer.from(`.dockerignore\n${this.extraDockerfile.name}\n`));
        }
      }
      this.tar.finalize();
    } catch (error) {
      if (!this.tar.destroying) {
        this.failure = toError(error);
        this.tar.destroy(this.failure);
      }
    }
  }

  private async walk(relDir: string): Promise<void> {
    const absDir = relDir === '' ? this.root : path.join(this.root, relDir);
    const names = (await readdir(absDir)).sort(byteOrder);
    for (const name of names) {
      if (this.tar.destroying) return;
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      const abs = path.join(absDir, name);
      const st = await lstat(abs);
      if (this.filter.excludes(rel)) {
        if (st.isDirectory() && this.filter.mustEnter(rel)) await this.walk(rel);
        continue;
      }
      await this.add(rel, abs, st);
      if (st.isDirectory()) await this.walk(rel);
    }
  }

  private async add(rel: string, abs: string, st: Stats): Promise<void> {
    const header: HeaderArg = { name: rel, mode: st.mode & 0o7777, mtime: new Date(Math.floor(st.mtimeMs / 1000) * 1000), uid: 0, gid: 0 };
    if (!st.isDirectory() && st.nlink > 1) {
      const key = `${st.dev}:${st.ino}`;
      const first = this.seenInodes.get(key);
      if (first !== undefined) return this.writeVoid({ ...header, type: 'link', linkname: first });
      this.seenInodes.set(key, rel);
    }
    if (st.isDirectory()) return this.writeVoid({ ...header, name: `${rel}/`, type: 'directory' });
    if (st.isSymbolicLink()) return this.writeVoid({ ...header, type: 'symlink', linkname: await readlink(abs) });
    if (st.isFIFO()) return this.writeVoid({ ...header, type: 'fifo' });
    if (st.isCharacterDevice() || st.isBlockDevice()) {
      const type = st.isCharacterDevice() ? 'character-device' : 'block-device';
      return this.writeVoid({ ...header, type, devmajor: Math.floor(st.rdev / 256), devminor: st.rdev % 256 });
    }
    if (!st.isFile()) return; // sockets: the CLI skips them too
    if (rel === '.dockerignore' && this.extraDockerfile) {
      const text = `${this.dockerignoreText ?? ''}\n${this.extraDockerfile.name}\n`;
      return this.writeBuffer({ ...header, type: 'file' }, Buffer.from(text));
    }
    await this.writeFile(rel, abs, { ...header, type: 'file', size: st.size });
  }

  private writeVoid(header: HeaderArg): Promise<void> {
    this.stats.entries += 1;
    return new Promise((resolve, reject) => {
      this.tar.entry(header, (error) => (error ? reject(error) : resolve()));
    });
  }

  private writeBuffer(header: HeaderArg, content: Buffer): Promise<void> {
    this.stats.entries += 1;
    return new Promise((resolve, reject) => {
      this.tar.entry(header, content, (error) => (error ? reject(error) : resolve()));
    });
  }

  private async writeFile(rel: string, abs: string, header: HeaderArg): Promise<void> {
    let handle;
    try {
      handle = await open(abs, 'r');
    } catch (error) {
      const code = errnoCode(error);
      throw new SlipwayError('build_context_unreadable', `${this.who}cannot read ${rel} in the build context (${code ?? 'error'})`, 'Fix its permissions, or list it in .dockerignore.');
    }
    this.stats.entries += 1;
    try {
      const size = header.size ?? 0;
      let settle: (error?: Error | null) => void = () => undefined;
      const done = new Promise<void>((resolve, reject) => {
        settle = (error) => (error ? reject(error) : resolve());
      });
      done.catch(() => undefined);
      const sink = this.tar.entry(header, (error) => settle(error));
      let offset = 0;
      while (offset < size) {
        const buffer = Buffer.allocUnsafe(Math.min(CHUNK, size - offset));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        if (bytesRead === 0) {
          throw new SlipwayError('build_context_changed', `${this.who}${rel} shrank while it was being sent`, 'Build again once nothing writes to the context.');
        }
        offset += bytesRead;
        if (!sink.write(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead))) {
          await Promise.race([new Promise<void>((resolve) => sink.once('drain', () => resolve())), done]);
        }
      }
      sink.end(undefined);
      await done;
    } finally {
      await handle.close();
    }
  }
}
