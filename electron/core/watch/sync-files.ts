import { lstat, readFile, readlink, readdir } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import { SlipwayError } from '../../../shared/errors';
import { execInContainer } from './container-exec';
import { compareText } from '../../../shared/compare-text';

/** One host path and where it belongs in the container. */
export interface SyncChange {
  hostPath: string;
  containerPath: string;
}

export interface SyncResult {
  copied: number;
  deleted: number;
}

interface TarEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink';
  mode: number;
  mtime: Date;
  content?: Buffer;
  linkname?: string;
}

/**
 * Applies changes in a running container as Compose's sync does: what exists on the host
 * goes in through the archive API (a tar built in memory), what is gone is removed with
 * `rm -rf` in the container.
 */
export async function syncIntoContainer(docker: Docker, containerId: string, changes: SyncChange[]): Promise<SyncResult> {
  const entries: TarEntry[] = [];
  const deletions: string[] = [];
  await Promise.all(
    changes.map(async (change) => {
      const entry = await tarEntry(change);
      if (entry) entries.push(entry);
      else deletions.push(change.containerPath);
    }),
  );
  if (deletions.length > 0) {
    const result = await execInContainer(docker, containerId, { command: ['rm', '-rf', '--', ...deletions] });
    if (result.exitCode !== 0) {
      throw new SlipwayError('watch_delete_failed', `Could not delete ${deletions.length} file(s) in the container: ${result.output || `rm exited with ${result.exitCode}`}`, 'The image needs an `rm` command, and the target must be writable by root in the container.');
    }
  }
  // Folders never go in the tar: Docker's extraction replaces whatever sits at a folder
  // entry's path, a symlink to a folder included. A file's folders come with it (made where
  // missing, followed where a symlink); a folder with no file in the batch is made with
  // `mkdir -p`, which keeps a symlink that is there.
  const files = entries.filter((e) => e.type !== 'directory');
  const carried = new Set(files.flatMap((e) => ancestors(e.name)));
  const folders = entries.filter((e) => e.type === 'directory' && !carried.has(e.name)).map((e) => `/${e.name}`);
  if (folders.length > 0) {
    const result = await execInContainer(docker, containerId, { command: ['mkdir', '-p', '--', ...folders.sort()] });
    if (result.exitCode !== 0) throw syncError(new Error(result.output || `mkdir exited with ${result.exitCode}`), folders[0]?.slice(1) ?? '');
  }
  if (files.length > 0) {
    files.sort((a, b) => compareText(a.name, b.name));
    const archive = await buildTar(files);
    try {
      await docker.getContainer(containerId).putArchive(archive, { path: '/' });
    } catch (error) {
      throw syncError(error, files[0]?.name ?? '');
    }
  }
  return { copied: entries.filter((e) => e.type !== 'directory').length, deleted: deletions.length };
}

/** `a/b/c` → `a`, `a/b`. */
function ancestors(name: string): string[] {
  const parts = name.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Every file under a host folder (for initial_sync), skipping what `skip` says. */
export async function listTree(root: string, skip: (absolute: string, isDirectory: boolean) => boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let names;
    try {
      names = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const dirent of names) {
      const absolute = path.join(dir, dirent.name);
      if (skip(absolute, dirent.isDirectory())) continue;
      if (dirent.isDirectory()) await walk(absolute);
      else out.push(absolute);
    }
  };
  const stats = await lstat(root).catch(() => undefined);
  if (!stats) return out;
  if (stats.isDirectory()) await walk(root);
  else if (!skip(root, false)) out.push(root);
  return out;
}

async function tarEntry(change: SyncChange): Promise<TarEntry | undefined> {
  const stats = await lstat(change.hostPath).catch(() => undefined);
  if (!stats) return undefined;
  const name = change.containerPath.replace(/^\/+/, '');
  const mode = stats.mode & 0o7777;
  if (stats.isDirectory()) return { name, type: 'directory', mode, mtime: stats.mtime };
  if (stats.isSymbolicLink()) return { name, type: 'symlink', mode, mtime: stats.mtime, linkname: await readlink(change.hostPath) };
  // The file can vanish between lstat and read (an editor's rename dance): then it is a deletion next time.
  const content = await readFile(change.hostPath).catch(() => undefined);
  if (!content) return undefined;
  return { name, type: 'file', mode, mtime: stats.mtime, content };
}

function buildTar(entries: TarEntry[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tar = pack();
    const chunks: Buffer[] = [];
    tar.on('data', (chunk: unknown) => {
      chunks.push(chunk as Buffer);
    });
    tar.on('end', () => resolve(Buffer.concat(chunks)));
    tar.on('error', reject);
    for (const entry of entries) {
      const header = { name: entry.name, type: entry.type, mode: entry.mode, mtime: entry.mtime };
      if (entry.type === 'file') tar.entry({ ...header, size: entry.content?.length ?? 0 }, entry.content ?? Buffer.alloc(0));
      else if (entry.type === 'symlink') tar.entry({ ...header, linkname: entry.linkname ?? '' });
      else tar.entry(header);
    }
    tar.finalize();
  });
}

function syncError(error: unknown, firstPath: string): unknown {
  if ((error as { statusCode?: number }).statusCode === 404) return error;
  const message = error instanceof Error ? error.message : String(error);
  const where = `/${path.posix.dirname(firstPath)}`;
  if (/read-only|readonly|permission denied/i.test(message)) {
    return new SlipwayError(
      'watch_sync_not_writable',
      `The sync target ${where} is not writable in the container (${oneLine(message)})`,
      'Make the target writable: drop `read_only: true`, mount a writable volume at the target, or bind-mount the folder instead of syncing it.',
    );
  }
  return new SlipwayError('watch_sync_failed', `Could not copy files to ${where} in the container: ${oneLine(message)}`, 'Check that the container is running and the target path is a folder.');
}

function oneLine(message: string): string {
  return message.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, '').split('\n')[0]?.trim() ?? message;
}
