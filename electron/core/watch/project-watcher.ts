import path from 'node:path';
import { statSync } from 'node:fs';
import type Docker from 'dockerode';
import { SlipwayError, toErrorInfo } from '../../../shared/errors';
import type { WatchError, WatchExecOutput, WatchReload, WatchReloadAction, WatchState } from '../../../shared/contract/watch';
import type { Project } from '../../../shared/model/project';
import type { EngineEvent, EngineEvents } from '../docker/engine-events';
import { LABEL } from '../state/compose-labels';
import { Coalescer, DEFAULT_COALESCER, type Batch, type CoalescerOptions } from './coalescer';
import { isEditorTempFile } from './path-filter';
import type { RebuildDriver } from './rebuild';
import { batchAction, runReload, type RuleMatch } from './run-reload';
import { ServiceContainers } from './service-containers';
import { listTree, syncIntoContainer, type SyncChange } from './sync-files';
import { MissingRoots } from './missing-roots';
import { nativeIgnores } from './native-ignores';
import { NATIVE_FOLLOW_UP_MS, NativeWatcher, type NativeChange } from './native-watcher';
import { describeWatchError } from './watch-errors';
import { containerPath, planWatch, requireRules, type WatchPlan } from './watch-plan';

export interface ProjectWatcherOptions {
  project: Project;
  docker: Docker;
  /** Docker events: a (re)created container gets its files synced again. */
  engineEvents?: EngineEvents;
  /** How `rebuild` rules build and recreate (the images and stack rooms). */
  rebuild: RebuildDriver;
  coalescer?: Partial<CoalescerOptions>;
  /** Only these services (default: every service with develop.watch). */
  services?: string[];
  onReload: (reload: WatchReload) => void;
  onState: (state: WatchState) => void;
  /** A failed reload's error in the user's words (see WatchManagerOptions). */
  explain?: (error: unknown) => unknown;
}

interface PendingWork {
  paths: Set<string>;
  firstEventAt: number;
  firstEventMark: number;
  /** Containers that appeared and need their files again. */
  resync: Set<string>;
}

const FILES_IN_EVENT = 100;

/**
 * One native watcher per project over the union of its develop.watch paths. Events are
 * matched to rules, coalesced per service, and each service runs one reload at a time
 * (changes that arrive meanwhile make the next one).
 */
export class ProjectWatcher {
  readonly plan: WatchPlan;
  private readonly docker: Docker;
  private readonly containers: ServiceContainers;
  private readonly rebuild: RebuildDriver;
  private readonly coalescer: Coalescer;
  private readonly native = new NativeWatcher({
    ignoreFor: (folder) => nativeIgnores(folder, this.plan.rules, (absolute) => this.prunable(absolute)),
    onChange: (change) => this.onChange(change),
    onRootGone: (root) => void this.onRootGone(root),
    onError: (error) => this.reportWatcherError(error),
  });
  private errorReported = false;
  private readonly pending = new Map<string, PendingWork>();
  private readonly running = new Set<string>();
  /** Per service, the rebuild in flight: a new save for the service or stop() cancels it. */
  private readonly rebuilding = new Map<string, AbortController>();
  private readonly idle = new Map<string, Array<() => void>>();
  private readonly synced = new Map<string, Map<string, SyncChange>>();
  private readonly knownContainers = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  /** Rule paths that are files: watched themselves (every other watch is a folder's). */
  private readonly fileRoots = new Set<string>();
  private readonly missing = new MissingRoots((root) => void this.onRootAppeared(root));
  private stopped = false;
  private current: WatchState;

  constructor(private readonly options: ProjectWatcherOptions) {
    this.plan = requireRules(options.project, planWatch(options.project, options.services), options.services);
    this.docker = options.docker;
    this.containers = new ServiceContainers(options.docker, options.project.name);
    this.rebuild = options.rebuild;
    // The native watcher batches the rest of a save's events up to NATIVE_FOLLOW_UP_MS after its
    // first: a service that restarts, runs a command or rebuilds waits that long, so one save is
    // one reload. A service whose rules only sync keeps the short window: a late event copies the
    // file once more, which is harmless, and the first copy lands sooner.
    const coalescer = { ...DEFAULT_COALESCER, ...options.coalescer };
    const syncOnly = new Set(this.plan.services.filter((service) => this.plan.rules.every((r) => r.service !== service || r.rule.action === 'sync')));
    const quietMsOf = (service: string) => (syncOnly.has(service) ? coalescer.quietMs : Math.max(coalescer.quietMs, NATIVE_FOLLOW_UP_MS));
    this.coalescer = new Coalescer(coalescer, (batch) => this.enqueue(batch), quietMsOf);
    this.current = { projectId: options.project.name, watching: false, services: this.plan.services, paths: this.plan.roots, ...(this.plan.warnings.length > 0 ? { warnings: this.plan.warnings } : {}) };
  }

  state(): WatchState {
    return this.current;
  }

  /** Resolves once the watcher has scanned its paths and native events are live. */
  async start(): Promise<WatchState> {
    const started = performance.now();
    if (this.options.engineEvents) {
      const onEvent = (event: EngineEvent) => this.onEngineEvent(event);
      this.options.engineEvents.on('event', onEvent);
      this.unsubscribe = () => this.options.engineEvents?.off('event', onEvent);
    }
    // Each root folder is scanned and watched natively, ignored folders left out; a root that
    // is a file is watched through its folder. Paths that do not exist yet are waited for
    // apart (missing-roots.ts), and added once they do.
    const existing: string[] = [];
    for (const root of this.plan.roots) {
      const stats = statSync(root, { throwIfNoEntry: false });
      if (!stats) continue;
      existing.push(root);
      if (stats.isFile()) this.fileRoots.add(root);
    }
    await Promise.all(existing.map((root) => this.watchRoot(root).catch((error: unknown) => this.reportWatcherError(error))));
    if (this.stopped) return this.current;
    for (const root of this.plan.roots) if (!existing.includes(root)) this.missing.add(root);
    this.setState({ watching: true, readyMs: Math.round(performance.now() - started) });
    await this.rememberRunningContainers();
    this.queueInitialSync();
    return this.current;
  }

  /**
   * Stops watching and cancels a rebuild in flight (a reload that is running ends on its
   * own; it reports nothing). `reason` (the watcher did not stop on request) goes out with
   * the last state.
   */
  async stop(reason?: WatchError): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.coalescer.clear();
    this.unsubscribe?.();
    this.missing.close();
    this.pending.clear();
    for (const controller of this.rebuilding.values()) controller.abort(new SlipwayError('cancelled', 'rebuild cancelled: watching stopped'));
    await this.native.close();
    this.setState({ watching: false, ...(reason ? { error: reason } : {}) });
  }

  /** Resolves when no reload is running or waiting for a service (tests, CLI shutdown). */
  whenIdle(service: string): Promise<void> {
    if (!this.running.has(service) && !this.pending.has(service)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.idle.get(service) ?? [];
      list.push(resolve);
      this.idle.set(service, list);
    });
  }

  /** A watcher error: the first one is reported in the state (tests simulate one here). */
  reportWatcherError(error: unknown): void {
    if (this.errorReported || this.stopped) return;
    this.errorReported = true;
    this.setState({ error: describeWatchError(error) });
  }

  private setState(patch: Partial<WatchState>): void {
    this.current = { ...this.current, ...patch };
    this.options.onState(this.current);
  }

  /** Folders and files no rule could want: never scanned, never watched. */
  private prunable(candidate: string): boolean {
    if (isEditorTempFile(path.basename(candidate))) return true;
    const covering = this.plan.rules.filter((r) => r.filter.covers(candidate));
    if (covering.length === 0) return false;
    return covering.every((r) => r.filter.prunes(candidate));
  }

  private async watchRoot(root: string): Promise<void> {
    if (this.fileRoots.has(root)) this.native.watchFile(root);
    else await this.native.watchFolder(root);
  }

  private onChange(change: NativeChange): void {
    if (change.kind === 'folder') void this.onNewFolder(change.path);
    else this.onPath(change.path, false);
  }

  /** A root folder deleted or moved away: waited for again, like a root that never existed. */
  private async onRootGone(root: string): Promise<void> {
    await this.native.unwatch(root);
    if (!this.stopped) this.missing.add(root);
  }

  private onPath(changed: string, isDirectory: boolean): void {
    if (this.stopped) return;
    const at = Date.now();
    const mark = performance.now();
    const services = new Set<string>();
    for (const planned of this.plan.rules) {
      if (!services.has(planned.service) && planned.filter.accepts(changed, isDirectory)) services.add(planned.service);
    }
    for (const service of services) this.coalescer.add(service, changed, at, mark);
  }

  /**
   * A rule path that did not exist when watching started: watched from now on, and what it
   * already holds is synced (listed once its native watch is in place, so nothing written
   * in between is lost).
   */
  private async onRootAppeared(root: string): Promise<void> {
    if (this.stopped) return;
    const isFile = statSync(root, { throwIfNoEntry: false })?.isFile() === true;
    if (isFile) this.fileRoots.add(root);
    else this.fileRoots.delete(root);
    try {
      await this.watchRoot(root);
    } catch (error) {
      this.reportWatcherError(error);
      return;
    }
    if (isFile) this.onPath(root, false);
    else await this.onNewFolder(root);
  }

  /** A folder that appeared: its files may have been written before its watch existed. */
  private async onNewFolder(folder: string): Promise<void> {
    this.onPath(folder, true);
    const files = await listTree(folder, (absolute, isDirectory) => (isDirectory ? this.prunable(absolute) : false));
    for (const file of files) this.onPath(file, false);
  }

  private enqueue(batch: Batch): void {
    this.merge(batch.key, batch.paths, batch);
    // A save during a rebuild makes the image stale: cancel it, the next reload builds anew.
    this.rebuilding.get(batch.key)?.abort(new SlipwayError('cancelled', 'rebuild cancelled: newer changes'));
    void this.drain(batch.key);
  }

  /** Adds paths to the service's next reload, keeping the earliest first event. */
  private merge(service: string, paths: Iterable<string>, first: Pick<PendingWork, 'firstEventAt' | 'firstEventMark'>): void {
    const work = this.work(service);
    for (const p of paths) work.paths.add(p);
    if (first.firstEventMark < work.firstEventMark) {
      work.firstEventMark = first.firstEventMark;
      work.firstEventAt = first.firstEventAt;
    }
  }

  private work(service: string): PendingWork {
    let work = this.pending.get(service);
    if (!work) {
      work = { paths: new Set(), firstEventAt: Date.now(), firstEventMark: Number.POSITIVE_INFINITY, resync: new Set() };
      this.pending.set(service, work);
    }
    return work;
  }

  private async drain(service: string): Promise<void> {
    if (this.running.has(service)) return;
    this.running.add(service);
    try {
      let work: PendingWork | undefined;
      while (!this.stopped && (work = this.pending.get(service))) {
        this.pending.delete(service);
        if (work.resync.size > 0) await this.resync(service, [...work.resync]);
        if (work.paths.size > 0) await this.reload(service, work);
      }
    } finally {
      this.running.delete(service);
      const waiters = this.idle.get(service) ?? [];
      this.idle.delete(service);
      for (const resolve of waiters) resolve();
    }
  }

  private async reload(service: string, work: PendingWork): Promise<void> {
    const paths = [...work.paths];
    const matches: RuleMatch[] = this.plan.rules
      .filter((r) => r.service === service)
      .map((planned) => ({ planned, paths: paths.filter((p) => planned.filter.accepts(p)) }))
      .filter((m) => m.paths.length > 0);
    if (matches.length === 0) return;
    let action: WatchReloadAction = batchAction(matches);
    const controller = new AbortController();
    const exec: WatchExecOutput[] = [];
    if (action === 'rebuild') this.rebuilding.set(service, controller);
    try {
      const outcome = await runReload(
        {
          docker: this.docker,
          project: this.options.project,
          containers: this.containers,
          rebuild: this.rebuild,
          signal: controller.signal,
          onSynced: (s, changes) => this.rememberSynced(s, changes),
          onExec: (output) => exec.push(output),
        },
        service,
        matches,
      );
      action = outcome.action;
      this.emitReload(service, action, paths, work.firstEventMark, { ok: true, bindMounted: outcome.bindMounted, exec });
    } catch (error) {
      if (controller.signal.aborted && !this.stopped) {
        // Cancelled by newer changes: these files belong to the reload that follows.
        this.merge(service, paths, work);
        return;
      }
      const info = toErrorInfo(this.options.explain?.(error) ?? error);
      this.emitReload(service, action, paths, work.firstEventMark, { ok: false, error: { message: info.message, ...(info.hint ? { hint: info.hint } : {}) }, exec });
    } finally {
      if (this.rebuilding.get(service) === controller) this.rebuilding.delete(service);
    }
  }

  private emitReload(service: string, action: WatchReloadAction, paths: string[], firstEventMark: number, result: Pick<WatchReload, 'ok' | 'error' | 'bindMounted' | 'exec'>): void {
    if (this.stopped) return;
    const files = paths.slice(0, FILES_IN_EVENT).map((p) => path.relative(this.options.project.workingDir, p).split(path.sep).join('/'));
    const latency = Number.isFinite(firstEventMark) ? performance.now() - firstEventMark : 0;
    this.options.onReload({
      projectId: this.options.project.name,
      service,
      action,
      files,
      fileCount: paths.length,
      latencyMs: Math.round(latency * 10) / 10,
      ...(result.bindMounted ? { bindMounted: true } : {}),
      ok: result.ok,
      ...(result.error ? { error: result.error } : {}),
      ...(result.exec && result.exec.length > 0 ? { exec: result.exec } : {}),
      at: Date.now(),
    });
  }

  private rememberSynced(service: string, changes: SyncChange[]): void {
    let map = this.synced.get(service);
    if (!map) {
      map = new Map();
      this.synced.set(service, map);
    }
    for (const change of changes) map.set(change.containerPath, change);
  }

  private async rememberRunningContainers(): Promise<void> {
    for (const service of this.plan.services) {
      const list = await this.containers.running(service).catch(() => []);
      for (const container of list) this.knownContainers.add(container.id);
    }
  }

  private queueInitialSync(): void {
    for (const service of this.plan.services) {
      if (!this.plan.rules.some((r) => r.service === service && r.rule.initial_sync && isSyncRule(r.rule.action) && !r.bindMounted)) continue;
      this.work(service).resync.add('*');
      void this.drain(service);
    }
  }

  private onEngineEvent(event: EngineEvent): void {
    this.containers.onEngineEvent(event);
    if (this.stopped || event.Type !== 'container' || event.Action !== 'start') return;
    const attributes = event.Actor.Attributes ?? {};
    const service = attributes[LABEL.service];
    if (attributes[LABEL.project] !== this.options.project.name || service === undefined || !this.plan.services.includes(service)) return;
    if (this.knownContainers.has(event.Actor.ID)) return;
    this.knownContainers.add(event.Actor.ID);
    if (!this.plan.rules.some((r) => r.service === service && isSyncRule(r.rule.action) && !r.bindMounted && r.rule.target)) return;
    this.work(service).resync.add(event.Actor.ID);
    void this.drain(service);
  }

  /**
   * Files into containers that did not see them: at start for initial_sync rules ('*' =
   * every running container), and into a recreated container (the whole tree for
   * initial_sync rules, otherwise what this session synced so far).
   */
  private async resync(service: string, containerIds: string[]): Promise<void> {
    const mark = performance.now();
    const changes = new Map<string, SyncChange>();
    for (const planned of this.plan.rules) {
      if (planned.service !== service || !isSyncRule(planned.rule.action) || planned.bindMounted || !planned.rule.target) continue;
      if (!planned.rule.initial_sync) continue;
      const files = await listTree(planned.filter.root, (absolute, isDirectory) => (isDirectory ? planned.filter.prunes(absolute) : !planned.filter.accepts(absolute)));
      for (const file of files) {
        const target = containerPath(planned.rule, file);
        changes.set(target, { hostPath: file, containerPath: target });
      }
    }
    if (!containerIds.includes('*')) for (const [target, change] of this.synced.get(service) ?? []) if (!changes.has(target)) changes.set(target, change);
    if (changes.size === 0) return;
    const ids = containerIds.includes('*') ? (await this.containers.running(service).catch(() => [])).map((c) => c.id) : containerIds;
    const list = [...changes.values()];
    try {
      await Promise.all(ids.map((id) => syncIntoContainer(this.docker, id, list)));
      this.emitReload(service, 'initial_sync', list.map((c) => c.hostPath), mark, { ok: true });
    } catch (error) {
      const info = toErrorInfo(this.options.explain?.(error) ?? error);
      this.emitReload(service, 'initial_sync', list.map((c) => c.hostPath), mark, { ok: false, error: { message: info.message, ...(info.hint ? { hint: info.hint } : {}) } });
    }
  }
}

function isSyncRule(action: string): boolean {
  return action === 'sync' || action === 'sync+restart' || action === 'sync+exec';
}
