import { watch as watchFolderEntries, type FSWatcher } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { AsyncSubscription, Event } from '@parcel/watcher';

/**
 * @parcel/watcher hands over the first event after a quiet spell at once and the rest of a
 * burst 50 ms after the burst's last event: a save seen as a create (or a truncate) is often
 * followed, 50 ms later, by its write. The quiet window after an event is at least this long,
 * so that one save is one reload (50 ms plus room for a busy event loop).
 */
export const NATIVE_FOLLOW_UP_MS = 100;

export type NativeChange =
  /** A file was created, written, or had its attributes changed. */
  | { kind: 'file'; path: string }
  /** A folder appeared (created, or moved in): its content may predate its watch. */
  | { kind: 'folder'; path: string }
  /** A file or folder went away (deleted, or moved out). */
  | { kind: 'deleted'; path: string };

export interface NativeWatcherOptions {
  /** What the native watcher leaves out under a folder it starts watching: paths and patterns. */
  ignoreFor: (folder: string) => Promise<Array<string | RegExp>>;
  onChange: (change: NativeChange) => void;
  /** A watched root folder or file itself was deleted or moved away: it is no longer watched. */
  onRootGone: (root: string) => void;
  onError: (error: unknown) => void;
}

/**
 * The native side of watching (@parcel/watcher: inotify on Linux, FSEvents on macOS): a
 * recursive subscription per root folder, which scans once in native code and leaves the
 * ignored folders out of both the scan and the watches; a watch of its parent folder for a
 * root that is a file (an editor's save-by-rename replaces the file, not the folder).
 */
export class NativeWatcher {
  /** Root folders, and folders that appeared with sub-folders in them (see onCreated). */
  private readonly folders = new Map<string, AsyncSubscription>();
  private readonly roots = new Set<string>();
  private readonly files = new Map<string, FSWatcher>();
  private closed = false;

  constructor(private readonly options: NativeWatcherOptions) {}

  /** Resolves once `folder` is scanned and its native watches are in place. */
  async watchFolder(folder: string): Promise<void> {
    this.roots.add(folder);
    await this.subscribeFolder(folder);
  }

  /** Watches one file, through its folder's entries (resolves at once: fs.watch is synchronous). */
  watchFile(file: string): void {
    if (this.closed || this.files.has(file)) return;
    const name = path.basename(file);
    const watcher = watchFolderEntries(path.dirname(file), { persistent: false }, (_event, changed) => {
      if (changed !== name) return;
      void lstat(file).then(
        () => this.options.onChange({ kind: 'file', path: file }),
        () => this.options.onChange({ kind: 'deleted', path: file }),
      );
    });
    watcher.on('error', (error) => {
      this.unwatchFile(file);
      this.options.onError(error);
    });
    this.files.set(file, watcher);
  }

  /** Stops watching a root (it went away), so that it can be watched again once it is back. */
  async unwatch(root: string): Promise<void> {
    this.roots.delete(root);
    this.unwatchFile(root);
    const subscription = this.folders.get(root);
    this.folders.delete(root);
    await subscription?.unsubscribe().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const file of [...this.files.keys()]) this.unwatchFile(file);
    const subscriptions = [...this.folders.values()];
    this.folders.clear();
    await Promise.all(subscriptions.map((s) => s.unsubscribe().catch(() => undefined)));
  }

  private unwatchFile(file: string): void {
    this.files.get(file)?.close();
    this.files.delete(file);
  }

  /**
   * A folder reached through a symbolic link is watched where it really is (the native scan
   * does not follow links), and its events named by the path it was asked for.
   */
  private async subscribeFolder(folder: string): Promise<void> {
    if (this.closed || this.folders.has(folder)) return;
    const real = await realpath(folder);
    const named = (p: string) => (real === folder ? p : folder + p.slice(real.length));
    const ignore = (await this.options.ignoreFor(folder)).map((entry) => (typeof entry === 'string' && real !== folder ? real + entry.slice(folder.length) : entry));
    // The native module loads with the first watch, not with the core (a CLI command that does not watch never loads it).
    const { subscribe } = await import('@parcel/watcher');
    const subscription = await subscribe(
      real,
      (error, events) => {
        if (error) this.options.onError(error);
        else void this.onEvents(folder, events.map((event) => ({ ...event, path: named(event.path) })));
      },
      { ignore },
    );
    // Closed, or subscribed twice, while the scan ran: keep one subscription only.
    if (this.closed || this.folders.has(folder)) await subscription.unsubscribe().catch(() => undefined);
    else this.folders.set(folder, subscription);
  }

  private async onEvents(folder: string, events: Event[]): Promise<void> {
    if (this.closed) return;
    for (const event of events) {
      if (event.type === 'delete') this.onDeleted(event.path);
      else if (event.path === folder) continue; // the folder's own attributes
      else if (event.type === 'update') this.options.onChange({ kind: 'file', path: event.path });
      else await this.onCreated(event.path);
    }
  }

  private onDeleted(deleted: string): void {
    this.options.onChange({ kind: 'deleted', path: deleted });
    const subscription = this.folders.get(deleted);
    if (!subscription) return;
    this.folders.delete(deleted);
    void subscription.unsubscribe().catch(() => undefined);
    if (this.roots.delete(deleted)) this.options.onRootGone(deleted);
  }

  /**
   * On Linux the native watcher adds a watch for a new folder when it sees it, but not for folders
   * that were already inside it then (`mkdir -p a/b/c`, a folder moved in, a checkout): a
   * folder that appears with sub-folders gets a subscription of its own, which scans it.
   */
  private async onCreated(created: string): Promise<void> {
    const stats = await lstat(created).catch(() => undefined);
    if (!stats) return;
    if (!stats.isDirectory()) {
      this.options.onChange({ kind: 'file', path: created });
      return;
    }
    this.options.onChange({ kind: 'folder', path: created });
    // FSEvents (macOS) and Windows watch a whole tree natively: only inotify needs the help.
    if (process.platform !== 'linux') return;
    const entries = await readdir(created, { withFileTypes: true }).catch(() => []);
    if (!entries.some((entry) => entry.isDirectory())) return;
    await this.subscribeFolder(created).catch((error: unknown) => this.options.onError(error));
  }
}
