import { watch, statSync, type FSWatcher } from 'node:fs';
import path from 'node:path';

interface Waiting {
  /** The nearest folder above the root that exists: the one watched for the next step. */
  dir: string;
  watcher: FSWatcher | undefined;
}

/**
 * Watched paths that do not exist yet. Each waits on the nearest existing folder above it
 * (one native watch, not a scan), moves down as the folders between appear, and is handed
 * to `onAppeared` once it exists — however many there are, at any depth. (chokidar's own
 * handling follows one missing level, and loses a second missing sibling.)
 */
export class MissingRoots {
  private readonly waiting = new Map<string, Waiting>();
  private closed = false;

  /** `onWaiting`: told each folder a root is waited for on (the first, and each one further down). */
  constructor(
    private readonly onAppeared: (root: string) => void,
    private readonly onWaiting?: (root: string, dir: string) => void,
  ) {}

  /** Waits for `root` to exist; calls back at once (synchronously) when it already does. */
  add(root: string): void {
    if (this.closed || this.waiting.has(root)) return;
    this.arm(root);
  }

  /** Roots still missing. */
  pending(): string[] {
    return [...this.waiting.keys()];
  }

  close(): void {
    this.closed = true;
    for (const entry of this.waiting.values()) entry.watcher?.close();
    this.waiting.clear();
  }

  private arm(root: string): void {
    this.waiting.get(root)?.watcher?.close();
    this.waiting.delete(root);
    if (this.closed) return;
    if (exists(root)) {
      this.onAppeared(root);
      return;
    }
    const dir = nearestExisting(root);
    const entry: Waiting = { dir, watcher: undefined };
    this.waiting.set(root, entry);
    this.onWaiting?.(root, dir);
    try {
      entry.watcher = watch(dir, { persistent: false }, () => this.recheck(root, entry));
      entry.watcher.on('error', () => this.recheck(root, entry));
    } catch {
      // The folder went away between the check and the watch: look again from higher up.
      this.recheck(root, entry);
      return;
    }
    // A folder on the way may have appeared between the check and the watch.
    this.recheck(root, entry);
  }

  private recheck(root: string, entry: Waiting): void {
    if (this.closed || this.waiting.get(root) !== entry) return;
    if (exists(root) || nearestExisting(root) !== entry.dir) this.arm(root);
  }
}

function exists(candidate: string): boolean {
  return statSync(candidate, { throwIfNoEntry: false }) !== undefined;
}

function nearestExisting(candidate: string): string {
  let dir = path.dirname(candidate);
  while (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    const parent = path.dirname(dir);
    if (parent === dir) return dir;
    dir = parent;
  }
  return dir;
}
