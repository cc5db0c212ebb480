import path from 'node:path';
import { SlipwayError, toErrorInfo } from '../../../shared/errors';
import type { LiveFileApplied, LiveFileError, LiveFileState, ServiceChange } from '../../../shared/contract/livefile';
import type { Project } from '../../../shared/model/project';
import type { CoreEvents } from '../events';
import type { ProjectRegistry } from '../projects/registry';
import type { ProgressListener, StackCore } from '../stack/types';
import type { Batch } from '../watch/coalescer';
import { applyChanges } from './apply-changes';
import { diffProjects } from './project-diff';
import { SourceWatcher } from './source-watcher';

export interface LiveFileOptions {
  projects: ProjectRegistry;
  stack: StackCore;
  events: Pick<CoreEvents, 'emit'>;
  /** An error in the user's words (an engine that does not answer says where it was looked for). */
  explain?: (error: unknown) => unknown;
  /** Runs an apply as a recorded run (the startup timeline shows it); by default it just runs. */
  record?: <T>(project: Project, projectId: string, services: string[], work: (onStep: ProgressListener) => Promise<T>) => Promise<T>;
}

interface Followed {
  watcher: SourceWatcher;
  /** The project as it was last applied (or opened): what runs. */
  baseline: Project;
  autoApply: boolean;
  state: LiveFileState;
  /** Reloads and applies, one at a time in arrival order. */
  queue: Promise<void>;
  /** performance.now() of the first file event not yet applied. */
  firstEventMark: number | undefined;
}

/**
 * The project file is live: each followed project's own files are watched; a save reloads
 * the project (projects room) and lists what changed per service. Watching, the changes are
 * applied at once; otherwise they wait for `apply` (the dashboard's banner). A save that does
 * not load is reported where it is and changes nothing; the next valid save goes on.
 */
export class LiveFileManager {
  private readonly followed = new Map<string, Followed>();

  constructor(private readonly options: LiveFileOptions) {}

  follow(projectId: string, settings: { autoApply?: boolean; quietMs?: number } = {}): LiveFileState {
    const existing = this.followed.get(projectId);
    if (existing) {
      if (settings.autoApply !== undefined) this.setAutoApply(projectId, settings.autoApply);
      return existing.state;
    }
    const project = this.options.projects.get(projectId);
    const files = project.sourceFiles ?? project.configFiles;
    const watcher = new SourceWatcher(files, {
      ...(settings.quietMs !== undefined ? { quietMs: settings.quietMs } : {}),
      onBatch: (batch) => this.onBatch(projectId, batch),
    });
    const entry: Followed = {
      watcher,
      baseline: project,
      autoApply: settings.autoApply ?? false,
      state: { projectId, autoApply: settings.autoApply ?? false, files: watcher.files(), changedFiles: [], changes: [], at: Date.now() },
      queue: Promise.resolve(),
      firstEventMark: undefined,
    };
    this.followed.set(projectId, entry);
    return entry.state;
  }

  /** Watching on: pending changes are applied now, and each save from now on. */
  setAutoApply(projectId: string, autoApply: boolean): void {
    const entry = this.followed.get(projectId);
    if (!entry || entry.autoApply === autoApply) return;
    entry.autoApply = autoApply;
    this.setState(projectId, entry, {});
    if (autoApply && entry.state.changes.length > 0 && !entry.state.error) this.enqueue(projectId, entry, () => this.applyPending(projectId, entry).then(() => undefined));
  }

  unfollow(projectId: string): void {
    this.followed.get(projectId)?.watcher.close();
    this.followed.delete(projectId);
  }

  status(projectId: string): LiveFileState {
    return this.entry(projectId).state;
  }

  isFollowed(projectId: string): boolean {
    return this.followed.has(projectId);
  }

  /**
   * An `up` ran outside of this room (the Up button, `slipway up`): the services it brought
   * up run what the files say, so they are no longer pending.
   */
  upDone(projectId: string, services: readonly string[]): void {
    const entry = this.followed.get(projectId);
    if (!entry || entry.state.error || entry.state.changes.length === 0) return;
    const changes = entry.state.changes.filter((c) => !services.includes(c.service));
    if (changes.length === entry.state.changes.length) return;
    if (changes.length === 0) entry.baseline = this.options.projects.get(projectId);
    this.setState(projectId, entry, { changes });
  }

  /** Applies the pending changes now; resolves once they are applied (or failed). */
  apply(projectId: string): Promise<LiveFileApplied> {
    const entry = this.entry(projectId);
    return new Promise((resolve, reject) => {
      this.enqueue(projectId, entry, async () => {
        if (entry.state.error) throw new SlipwayError('livefile_invalid', entry.state.error.message, entry.state.error.hint ?? 'Fix the file and save it again.');
        resolve(await this.applyPending(projectId, entry));
      }, reject);
    });
  }

  /** Resolves when no reload or apply is running or queued for the project (tests, shutdown). */
  async whenIdle(projectId: string): Promise<void> {
    const entry = this.followed.get(projectId);
    if (entry) await entry.queue;
  }

  dispose(): void {
    for (const id of [...this.followed.keys()]) this.unfollow(id);
  }

  private entry(projectId: string): Followed {
    const entry = this.followed.get(projectId);
    if (!entry) throw new SlipwayError('livefile_not_followed', `The files of project ${projectId} are not followed`, 'Open the project first (its files are followed while it is open).');
    return entry;
  }

  private enqueue(projectId: string, entry: Followed, work: () => Promise<void>, onError?: (error: unknown) => void): void {
    entry.queue = entry.queue.then(work).catch((error: unknown) => {
      if (onError) onError(error);
      else this.setState(projectId, entry, { error: this.errorOf(error) });
    });
  }

  private onBatch(projectId: string, batch: Batch): void {
    const entry = this.followed.get(projectId);
    if (!entry) return;
    entry.firstEventMark ??= batch.firstEventMark;
    const changedFiles = batch.paths.map((file) => relative(entry.baseline.workingDir, file));
    this.enqueue(projectId, entry, () => this.reload(projectId, entry, changedFiles));
  }

  /** Reads the files again; a failure is shown and changes nothing (the last good project stays). */
  private async reload(projectId: string, entry: Followed, changedFiles: string[]): Promise<void> {
    if (this.followed.get(projectId) !== entry) return;
    let project: Project;
    try {
      project = await this.options.projects.reload(projectId);
    } catch (error) {
      this.setState(projectId, entry, { changedFiles, error: this.errorOf(error) });
      return;
    }
    if (project.name !== projectId) {
      this.setState(projectId, entry, { changedFiles, error: { message: `the project's name changed to ${project.name}: that is another project`, hint: `Stop this one (slipway -p ${projectId} down), then bring up ${project.name}.` } });
      return;
    }
    entry.watcher.setFiles(project.sourceFiles ?? project.configFiles);
    const changes = diffProjects(entry.baseline, project);
    const { error: _cleared, ...rest } = entry.state;
    entry.state = rest;
    this.setState(projectId, entry, { changedFiles, changes, files: entry.watcher.files() });
    if (changes.length === 0) {
      entry.baseline = project; // Nothing to do (a comment, a reordering): nothing waits.
      entry.firstEventMark = undefined;
      return;
    }
    if (entry.autoApply) await this.applyPending(projectId, entry);
  }

  private async applyPending(projectId: string, entry: Followed): Promise<LiveFileApplied> {
    const project = this.options.projects.get(projectId);
    const changes: ServiceChange[] = entry.state.changes;
    const started = entry.firstEventMark ?? performance.now();
    entry.firstEventMark = undefined;
    const base = { projectId, changedFiles: entry.state.changedFiles, changes };
    let applied: LiveFileApplied;
    try {
      const services = changes.filter((c) => c.change !== 'removed').map((c) => c.service);
      const apply = (onStep?: ProgressListener) => applyChanges(this.options.stack, project, changes, onStep);
      const actions = this.options.record && services.length > 0 ? await this.options.record(project, projectId, services, apply) : await apply();
      entry.baseline = project;
      this.setState(projectId, entry, { changes: [] });
      applied = { ...base, actions, ok: true, latencyMs: elapsed(started), at: Date.now() };
    } catch (error) {
      // What did not apply stays listed: the next save (or Apply) tries again.
      applied = { ...base, actions: {}, ok: false, error: this.errorOf(error), latencyMs: elapsed(started), at: Date.now() };
    }
    this.options.events.emit('livefile.applied', applied);
    return applied;
  }

  private setState(projectId: string, entry: Followed, patch: Partial<LiveFileState>): void {
    entry.state = { ...entry.state, ...patch, autoApply: entry.autoApply, at: Date.now() };
    if (this.followed.get(projectId) === entry) this.options.events.emit('livefile.state', entry.state);
  }

  private errorOf(error: unknown): LiveFileError {
    const info = toErrorInfo(this.options.explain?.(error) ?? error);
    return { message: info.message, ...(info.hint ? { hint: info.hint } : {}) };
  }
}

function relative(workingDir: string, file: string): string {
  const rel = path.relative(workingDir, file);
  return (rel === '' || rel.startsWith('..') ? file : rel).split(path.sep).join('/');
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
