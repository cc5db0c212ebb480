import type { BigIntStats } from 'node:fs';
import { lstat, open, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { followPaths, type FollowPaths } from './follow-paths';
import { FILESYNC_PROTO, FSUTIL_TYPES_PROTO } from './proto/filesync-proto';
import { grpc, grpcError, serviceDefinition } from './grpc-services';

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
}

interface Stat {
  path: string;
  mode: number;
  uid: number;
  gid: number;
  size: string;
  modTime: string;
  linkname: string;
}

interface Entry {
  rel: string;
  stat: Stat;
  /** A regular file: the engine may ask for its content. */
  request: boolean;
}

interface Packet {
  type: 'PACKET_STAT' | 'PACKET_REQ' | 'PACKET_DATA' | 'PACKET_FIN' | 'PACKET_ERR';
  stat?: Stat | null;
  ID?: number;
  data?: Buffer;
}

const CHUNK = 32 * 1024;
/** Files at most this big are read in one call. */
const WHOLE_FILE = 1024 * 1024;
/** Files sent at once (fsutil's sender runs four). */
const SENDERS = 4;

/**
 * `moby.filesync.v1.FileSync/DiffCopy` as fsutil's sender speaks it, so the engine syncs the
 * build context the way docker's BuildKit client sends it: we send a STAT for every entry in
 * walk order (folders before their contents, names in byte order), then an empty STAT; the
 * engine compares with what it kept from the last build and asks (REQ, by the entry's number)
 * only for files that changed; each is sent as DATA chunks ending with an empty one; FIN ends it.
 */
export function fileSyncService(dirs: ReadonlyMap<string, SyncedDir>): { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation } {
  return {
    definition: serviceDefinition(FILESYNC_PROTO, 'moby.filesync.v1.FileSync', [FSUTIL_TYPES_PROTO]),
    implementation: {
      DiffCopy: (call: grpc.ServerDuplexStream<Packet, Packet>) => {
        const name = String(call.metadata.get('dir-name')[0] ?? '');
        const synced = dirs.get(name);
        if (synced === undefined) {
          call.destroy(grpcError(grpc.status.NOT_FOUND, `no access allowed to dir "${name}"`));
          return;
        }
        // Repeated metadata values may arrive joined by ", " (one HTTP/2 header).
        const wanted = ['followpaths', 'include-patterns'].flatMap((key) => call.metadata.get(key)).flatMap((value) => String(value).split(/,\s*/)).filter((p) => p !== '');
        void new Sender(call, synced, wanted.length > 0 ? followPaths(wanted) : undefined).run();
      },
    },
  };
}

class Sender {
  private readonly files = new Map<number, { rel: string; size: number }>();
  /** Files asked for and not yet being sent; SENDERS of them at a time, as fsutil sends. */
  private readonly asked: { id: number; rel: string; size: number }[] = [];
  private sending = 0;
  private finishing = false;
  private failed = false;

  constructor(
    private readonly call: grpc.ServerDuplexStream<Packet, Packet>,
    private readonly synced: SyncedDir,
    /** Only what these patterns name (followpaths: the sources of COPY, the Dockerfile), when set. */
    private readonly only: FollowPaths | undefined,
  ) {}

  async run(): Promise<void> {
    this.call.on('data', (packet: Packet) => this.received(packet));
    this.call.on('error', () => (this.failed = true));
    try {
      let id = 0;
      for await (const entry of this.walk('')) {
        if (this.failed) return;
        if (entry.request) this.files.set(id, { rel: entry.rel, size: Number(entry.stat.size) });
        id += 1;
        if (this.synced.stats) this.synced.stats.entries += 1;
        await this.send({ type: 'PACKET_STAT', stat: entry.stat });
      }
      await this.send({ type: 'PACKET_STAT' });
    } catch (error) {
      this.fail(error);
    }
  }

  private received(packet: Packet): void {
    if (packet.type === 'PACKET_REQ') {
      const id = packet.ID ?? 0;
      const file = this.files.get(id);
      if (file === undefined) return this.fail(new Error(`invalid file id ${id}`));
      this.files.delete(id);
      this.asked.push({ id, ...file });
      this.pump();
    } else if (packet.type === 'PACKET_FIN') {
      this.finishing = true;
      this.pump();
    } else if (packet.type === 'PACKET_ERR') {
      this.failed = true;
      this.call.end();
    }
  }

  /** Starts sending what was asked for, up to SENDERS files at once; answers FIN when all is sent. */
  private pump(): void {
    while (this.sending < SENDERS && this.asked.length > 0 && !this.failed) {
      const next = this.asked.shift();
      if (next === undefined) break;
      this.sending += 1;
      this.sendFile(next.id, next.rel, next.size).then(
        () => {
          this.sending -= 1;
          this.pump();
        },
        (error: unknown) => this.fail(error),
      );
    }
    if (this.finishing && this.sending === 0 && this.asked.length === 0 && !this.failed) {
      this.finishing = false;
      void this.send({ type: 'PACKET_FIN' }).then(() => this.call.end());
    }
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    const message = error instanceof Error ? error.message : String(error);
    void this.send({ type: 'PACKET_ERR', data: Buffer.from(message) }).finally(() => this.call.end());
  }

  private send(packet: Packet): Promise<void> {
    if (packet.type === 'PACKET_DATA' && packet.data && this.synced.stats) this.synced.stats.bytes += packet.data.length;
    if (this.call.write(packet)) return Promise.resolve();
    return new Promise((resolve) => this.call.once('drain', () => resolve()));
  }

  private async sendFile(id: number, rel: string, size: number): Promise<void> {
    const text = this.synced.virtual?.get(rel);
    // A small file is read in one call; a large one in chunks, never whole in memory.
    const whole = text !== undefined ? Buffer.from(text) : size <= WHOLE_FILE ? await readFile(path.join(this.synced.dir, rel)) : undefined;
    if (whole !== undefined) {
      for (let offset = 0; offset < whole.length; offset += CHUNK) await this.send({ type: 'PACKET_DATA', ID: id, data: whole.subarray(offset, offset + CHUNK) });
    } else {
      const handle = await open(path.join(this.synced.dir, rel), 'r');
      try {
        for (;;) {
          const buffer = Buffer.allocUnsafe(CHUNK);
          const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
          if (bytesRead === 0) break;
          await this.send({ type: 'PACKET_DATA', ID: id, data: buffer.subarray(0, bytesRead) });
        }
      } finally {
        await handle.close();
      }
    }
    await this.send({ type: 'PACKET_DATA', ID: id });
  }

  /**
   * The entries to list, in walk order. With followpaths, an entry is listed when a pattern
   * names it or a folder above it; the folders above a listed entry are listed before it
   * (held back until then), as fsutil's walker does.
   */
  private readonly heldBack: { entry: Entry; listed: boolean }[] = [];

  private async *walk(relDir: string): AsyncGenerator<Entry> {
    if (relDir === '' && this.synced.virtual) {
      for (const [name, text] of [...this.synced.virtual].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) {
        if (this.only && !this.only.includes(name)) continue;
        const now = `${BigInt(Date.now()) * 1_000_000n}`;
        yield { rel: name, request: true, stat: { path: name, mode: 0o644, uid: 0, gid: 0, size: String(Buffer.byteLength(text)), modTime: now, linkname: '' } };
      }
      return;
    }
    const absDir = path.join(this.synced.dir, relDir);
    const dirents = (await readdir(absDir, { withFileTypes: true })).sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
    for (const dirent of dirents) {
      const rel = relDir === '' ? dirent.name : `${relDir}/${dirent.name}`;
      const isDir = dirent.isDirectory();
      // Decided from the name and type alone: what is not wanted is not even stat'ed.
      if (this.synced.excludes(rel)) {
        if (isDir && this.synced.mustEnter(rel)) yield* this.walk(rel);
        continue;
      }
      const wanted = !this.only || this.only.includes(rel);
      if (dirent.isSocket() || (!wanted && !(isDir && this.only?.mayContain(rel)))) continue;
      const abs = path.join(absDir, dirent.name);
      const st = await lstat(abs, { bigint: true });
      const linkname = st.isSymbolicLink() ? await readlink(abs) : '';
      const entry: Entry = { rel, request: st.isFile(), stat: statOf(rel, st, linkname) };
      if (!wanted) {
        this.heldBack.push({ entry, listed: false });
        yield* this.walk(rel);
        this.heldBack.pop();
        continue;
      }
      for (const held of this.heldBack) {
        if (held.listed) continue;
        held.listed = true;
        yield held.entry;
      }
      yield entry;
      if (isDir) yield* this.walk(rel);
    }
  }
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
