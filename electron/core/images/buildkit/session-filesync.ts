import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { followed, walkFolder, type Stat, type SyncedDir } from './folder-walk';
import { followPaths, type FollowPaths } from './follow-paths';
import { FILESYNC_PROTO, FSUTIL_TYPES_PROTO } from './proto/filesync-proto';
import { grpc, grpcError, serviceDefinition } from './grpc-services';


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
      const entries = this.synced.listing ? followed(await this.synced.listing(), this.only) : walkFolder(this.synced, this.only);
      for await (const entry of entries) {
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

}
