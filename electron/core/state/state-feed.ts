import type Docker from 'dockerode';
import type { EngineStatusWord, ProjectState } from '../../../shared/model/state';
import type { EngineStatus } from '../../../shared/contract/state';
import type { EngineEvent, EngineEvents } from '../docker/engine-events';
import { LABEL } from './compose-labels';
import { containerFromInspect, serviceStateOf, type TrackedContainer } from './container-record';
import { errorMessage } from '../../../shared/errors';
import { statusCode } from '../thrown';
import { compareText } from '../../../shared/compare-text';

export interface StateFeedOptions {
  docker: () => Docker;
  events: () => EngineEvents;
  onEngineStatus: (status: EngineStatus) => void;
  onProjectState: (state: ProjectState) => void;
  /** Coalescing window for state.changed (ms). */
  debounceMs?: number;
}

/** Container events that leave what the feed shows as it was: no inspect for them. */
const UNCHANGED_BY = new Set(['attach', 'detach', 'resize', 'top', 'copy', 'archive-path', 'extract-to-dir', 'export', 'commit']);

/**
 * Live project state from the one events subscription: a listing when the engine is
 * reached (first time and after every reconnect) replaces everything known, events
 * update single containers by inspecting them. No polling: idle means idle.
 */
export class StateFeed {
  private containers = new Map<string, TrackedContainer>();
  private status: EngineStatusWord = 'connecting';
  private generation = 0;
  private syncing = false;
  private readonly touchedWhileSyncing = new Set<string>();
  private readonly pendingInspect = new Set<string>();
  private inspectScheduled = false;
  private readonly dirty = new Set<string>();
  private emitTimer: NodeJS.Timeout | undefined;
  private readonly lastEmitted = new Map<string, string>();
  private started: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;
  private firstSync: Promise<void> | undefined;

  constructor(private readonly options: StateFeedOptions) {}

  get engine(): EngineStatusWord {
    return this.status;
  }

  /** Starts following (once); resolves after the first listing, or once the engine is known to be down. */
  start(): Promise<void> {
    this.started ??= this.begin();
    return this.started;
  }

  async snapshot(projectId: string): Promise<ProjectState> {
    await this.start();
    if (this.firstSync) await this.firstSync.catch(() => undefined);
    return this.projectState(projectId);
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.generation++;
  }

  private async begin(): Promise<void> {
    const events = this.options.events();
    const onEvent = (event: EngineEvent) => this.onEvent(event);
    const onConnected = () => void this.resync();
    const onDisconnected = (error: Error) => this.setStatus('down', `The Docker engine went away (${error.message}); reconnecting`);
    const onRetrying = (error: Error, delayMs: number) => this.setStatus('down', `Cannot reach the Docker engine (${error.message}); retrying in ${(delayMs / 1000).toFixed(1)}s`);
    events.on('event', onEvent);
    events.on('connected', onConnected);
    events.on('disconnected', onDisconnected);
    events.on('retrying', onRetrying);
    this.unsubscribe = () => {
      events.off('event', onEvent);
      events.off('connected', onConnected);
      events.off('disconnected', onDisconnected);
      events.off('retrying', onRetrying);
    };
    this.setStatus('connecting');
    if (events.connected) {
      this.firstSync = this.resync();
      return;
    }
    try {
      await events.start();
      // 'connected' fired and started the listing; wait for it.
      this.firstSync = this.currentSync;
    } catch (error) {
      this.setStatus('down', `Cannot reach the Docker engine: ${errorMessage(error)}`);
    }
  }

  private currentSync: Promise<void> | undefined;

  private resync(): Promise<void> {
    this.currentSync = this.doResync();
    return this.currentSync;
  }

  private async doResync(): Promise<void> {
    const generation = ++this.generation;
    this.syncing = true;
    this.touchedWhileSyncing.clear();
    try {
      const docker = this.options.docker();
      const listed = await docker.listContainers({ all: true, filters: { label: [LABEL.project] } });
      const infos = await Promise.all(listed.map((c) => docker.getContainer(c.Id).inspect().catch(() => undefined)));
      if (generation !== this.generation) return;
      const fresh = new Map<string, TrackedContainer>();
      for (const info of infos) {
        const tracked = info ? containerFromInspect(info) : undefined;
        if (tracked) fresh.set(tracked.id, tracked);
      }
      for (const c of this.containers.values()) this.dirty.add(c.project);
      for (const c of fresh.values()) this.dirty.add(c.project);
      this.containers = fresh;
      this.syncing = false;
      for (const id of this.touchedWhileSyncing) this.queueInspect(id);
      this.touchedWhileSyncing.clear();
      this.setStatus('up');
    } catch (error) {
      this.syncing = false;
      if (generation === this.generation && !this.options.events().connected) this.setStatus('down', `Cannot reach the Docker engine: ${errorMessage(error)}`);
    }
  }

  private onEvent(event: EngineEvent): void {
    if (event.Type !== 'container' || event.Actor.Attributes[LABEL.project] === undefined) return;
    if (event.Action.startsWith('exec_') || UNCHANGED_BY.has(event.Action)) return;
    const id = event.Actor.ID;
    if (this.syncing) {
      this.touchedWhileSyncing.add(id);
      return;
    }
    if (event.Action === 'destroy') {
      this.remove(id);
      return;
    }
    this.queueInspect(id);
  }

  private remove(id: string): void {
    const known = this.containers.get(id);
    if (!known) return;
    this.containers.delete(id);
    this.markDirty(known.project);
  }

  private queueInspect(id: string): void {
    this.pendingInspect.add(id);
    if (this.inspectScheduled) return;
    this.inspectScheduled = true;
    setImmediate(() => {
      this.inspectScheduled = false;
      const ids = [...this.pendingInspect];
      this.pendingInspect.clear();
      const generation = this.generation;
      for (const one of ids) void this.inspect(one, generation);
    });
  }

  private async inspect(id: string, generation: number): Promise<void> {
    let info: Docker.ContainerInspectInfo | undefined;
    try {
      info = await this.options.docker().getContainer(id).inspect();
    } catch (error) {
      if (statusCode(error) === 404 && generation === this.generation) this.remove(id);
      return;
    }
    if (generation !== this.generation) return;
    const tracked = containerFromInspect(info);
    if (!tracked) return this.remove(id);
    const before = this.containers.get(id);
    this.containers.set(id, tracked);
    if (before && before.project !== tracked.project) this.markDirty(before.project);
    this.markDirty(tracked.project);
  }

  private setStatus(status: EngineStatusWord, message?: string): void {
    const changed = status !== this.status;
    this.status = status;
    this.options.onEngineStatus(message === undefined ? { status } : { status, message });
    if (changed) for (const project of this.knownProjects()) this.dirty.add(project);
    if (changed) this.scheduleEmit();
  }

  private knownProjects(): Set<string> {
    const projects = new Set(this.lastEmitted.keys());
    for (const c of this.containers.values()) projects.add(c.project);
    return projects;
  }

  private markDirty(project: string): void {
    this.dirty.add(project);
    this.scheduleEmit();
  }

  private scheduleEmit(): void {
    if (this.emitTimer || this.dirty.size === 0) return;
    this.emitTimer = setTimeout(() => {
      this.emitTimer = undefined;
      const projects = [...this.dirty];
      this.dirty.clear();
      for (const project of projects) {
        const state = this.projectState(project);
        const text = JSON.stringify(state);
        if (this.lastEmitted.get(project) === text) continue;
        this.lastEmitted.set(project, text);
        this.options.onProjectState(state);
      }
    }, this.options.debounceMs ?? 30);
  }

  projectState(projectId: string): ProjectState {
    const byService = new Map<string, TrackedContainer[]>();
    for (const c of this.containers.values()) {
      if (c.project !== projectId) continue;
      const list = byService.get(c.service) ?? [];
      list.push(c);
      byService.set(c.service, list);
    }
    const services = [...byService.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([service, list]) => serviceStateOf(service, list.map(({ project: _p, service: _s, ...container }) => container)));
    return { projectId, engine: this.status, services };
  }
}
