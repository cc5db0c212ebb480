import type { WatchReload, WatchState, WatchStatus } from '../../../shared/contract/watch';
import type { Project } from '../../../shared/model/project';
import type { SlipwayCore } from '../slipway-core';
import type { CoalescerOptions } from './coalescer';
import { ProjectWatcher } from './project-watcher';
import { stackRebuild, type RebuildDriver } from './rebuild';

const RELOADS_KEPT_PER_SERVICE = 20;

export interface StartWatchOptions {
  services?: string[];
  coalescer?: Partial<CoalescerOptions>;
  rebuild?: RebuildDriver;
}

/** The watchers of one core: at most one per project; reloads and state go out as core events. */
export class WatchManager {
  private readonly watchers = new Map<string, ProjectWatcher>();
  private readonly reloads = new Map<string, WatchReload[]>();

  constructor(private readonly core: SlipwayCore) {
    // A closed project is not watched any more.
    core.events.on('project.closed', ({ projectId }) => void this.stop(projectId));
  }

  /** Starts watching (or returns the running watcher's state). */
  async start(project: Project, options: StartWatchOptions = {}): Promise<WatchState> {
    const existing = this.watchers.get(project.name);
    if (existing) return existing.state();
    const engineEvents = await this.core.engineEvents().catch(() => undefined);
    const watcher = new ProjectWatcher({
      project,
      docker: this.core.docker().docker,
      ...(engineEvents ? { engineEvents } : {}),
      rebuild: options.rebuild ?? stackRebuild(this.core),
      ...(options.coalescer ? { coalescer: options.coalescer } : {}),
      ...(options.services ? { services: options.services } : {}),
      onReload: (reload) => this.recordReload(reload),
      onState: (state) => this.core.events.emit('watch.state', state),
    });
    this.watchers.set(project.name, watcher);
    try {
      return await watcher.start();
    } catch (error) {
      this.watchers.delete(project.name);
      await watcher.stop();
      throw error;
    }
  }

  async stop(projectId: string): Promise<void> {
    const watcher = this.watchers.get(projectId);
    this.watchers.delete(projectId);
    await watcher?.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.watchers.keys()].map((id) => this.stop(id)));
  }

  watcher(projectId: string): ProjectWatcher | undefined {
    return this.watchers.get(projectId);
  }

  status(projectId: string): WatchStatus {
    const state = this.watchers.get(projectId)?.state() ?? { projectId, watching: false };
    return { ...state, reloads: this.reloads.get(projectId) ?? [] };
  }

  private recordReload(reload: WatchReload): void {
    const list = this.reloads.get(reload.projectId) ?? [];
    list.push(reload);
    const forService = list.filter((r) => r.service === reload.service);
    if (forService.length > RELOADS_KEPT_PER_SERVICE) list.splice(list.indexOf(forService[0] as WatchReload), 1);
    this.reloads.set(reload.projectId, list);
    this.core.events.emit('watch.reload', reload);
  }
}

const managers = new WeakMap<SlipwayCore, WatchManager>();

/** The watch manager of a core (made on first use). */
export function watchManager(core: SlipwayCore): WatchManager {
  let manager = managers.get(core);
  if (!manager) {
    manager = new WatchManager(core);
    managers.set(core, manager);
  }
  return manager;
}
