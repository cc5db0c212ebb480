import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { Coalescer, DEFAULT_COALESCER, type Batch } from '../watch/coalescer';

export interface SourceWatcherOptions {
  /** Quiet window after the last event before the batch is released (ms). */
  quietMs?: number;
  onBatch: (batch: Batch) => void;
}

/**
 * A watch of exact files (a project's compose files, env files, secret files), wherever they
 * lie: one native watch per folder that holds some, events filtered to those file names.
 * Watching the folder, not the file, sees editors that save by writing a new file and
 * renaming it over the old one, and files that do not exist yet (a `.env` created later).
 */
export class SourceWatcher {
  private readonly folders = new Map<string, { names: Set<string>; watcher: FSWatcher | undefined }>();
  private readonly coalescer: Coalescer;
  private closed = false;

  constructor(files: readonly string[], private readonly options: SourceWatcherOptions) {
    this.coalescer = new Coalescer({ ...DEFAULT_COALESCER, quietMs: options.quietMs ?? DEFAULT_COALESCER.quietMs }, options.onBatch);
    this.setFiles(files);
  }

  /** The files watched now, absolute. */
  files(): string[] {
    return [...this.folders].flatMap(([folder, entry]) => [...entry.names].map((name) => path.join(folder, name))).sort();
  }

  /** Watches exactly these files from now on (the project's files change with its includes). */
  setFiles(files: readonly string[]): void {
    if (this.closed) return;
    const wanted = new Map<string, Set<string>>();
    for (const file of files) {
      const folder = path.dirname(file);
      const names = wanted.get(folder) ?? new Set<string>();
      names.add(path.basename(file));
      wanted.set(folder, names);
    }
    for (const [folder, entry] of this.folders) {
      if (wanted.has(folder)) continue;
      entry.watcher?.close();
      this.folders.delete(folder);
    }
    for (const [folder, names] of wanted) {
      const entry = this.folders.get(folder);
      if (entry) entry.names = names;
      else this.folders.set(folder, { names, watcher: this.watchFolder(folder) });
    }
  }

  close(): void {
    this.closed = true;
    this.coalescer.clear();
    for (const entry of this.folders.values()) entry.watcher?.close();
    this.folders.clear();
  }

  private watchFolder(folder: string): FSWatcher | undefined {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        const entry = this.folders.get(folder);
        if (this.closed || !entry || typeof name !== 'string' || !entry.names.has(name)) return;
        this.coalescer.add('project', path.join(folder, name));
      });
      // A folder that goes away ends its watch; the files it held are reported changed (a load will say they are missing).
      watcher.on('error', () => {
        watcher.close();
        const entry = this.folders.get(folder);
        if (entry) for (const name of entry.names) this.coalescer.add('project', path.join(folder, name));
      });
      return watcher;
    } catch {
      return undefined; // A folder that does not exist: nothing in it can be read either.
    }
  }
}
