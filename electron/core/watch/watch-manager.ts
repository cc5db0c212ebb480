import type Docker from 'dockerode';
import type { WatchError, WatchReload, WatchState, WatchStatus } from '../../../shared/contract/watch';
import type { Project } from '../../../shared/model/project';
import type { EngineEvents } from '../docker/engine-events';
import type { CoreEvents } from '../events';
import type { CoalescerOptions } from './coalescer';
import { ProjectWatcher } from './project-watcher';
import type { RebuildDriver } from './rebuild';

const RELOADS_KEPT_PER_SERVICE = 20;

/** What the watch room needs of the core (SlipwayCore wires it; nothing here knows the core). */
export interface WatchManagerOptions {
  /** The current engine. */
  docker: () => Docker;
  /** The core's one Docker events subscription. */
  engineEvents: () => Promise<EngineEvents>;
  /** How `rebuild` rules build and recreate (see rebuild.ts: the images and stack rooms). */
  rebuild: RebuildDriver;
  /** Where watch.state and watch.reload go out, and project.closed comes in. */
  events: Pick<CoreEvents, 'on' | 'emit'>;
  /** A failed reload's error in the user's words (an engine that does not answer says where it was looked for). */
  explain?: (error: unknown) => unknown;
}

export interface StartWatchOptions {
  services?: string[];
  coalescer?: Partial<CoalescerOptions>;
  /** Instead of the core's rebuild (tests). */
  rebuild?: RebuildDriver;
}

/** The watchers of one core: at most one per project; reloads and state go out as core events. */
export class WatchManager {
  private readonly watchers = new Map<string, ProjectWatcher>();
  private readonly reloads = new Map<string, WatchReload[]>();
  /** Watchers that stopped without being asked to (a host switch): their last state says why, until the next start. */
  private readonly ended = new Map<string, ProjectWatcher>();
  private readonly offClosed: () => void;

  constructor(private readonly options: WatchManagerOptions) {
    // A closed project is not watched any more.
    this.offClosed = options.events.on('project.closed', ({ projectId }) => void this.stop(projectId));
  }

  /** Starts watching (or returns the running watcher's state). */
  async start(project: Project, options: StartWatchOptions = {}): Promise<WatchState> {
    const existing = this.watchers.get(project.name);
    if (existing) return existing.state();
    this.ended.delete(project.name);
    const engineEvents = await this.options.engineEvents().catch(() => undefined);
    const watcher = new ProjectWatcher({
      project,
      docker: this.options.docker(),
      ...(engineEvents ? { engineEvents } : {}),
      rebuild: options.rebuild ?? this.options.rebuild,
      ...(options.coalescer ? { coalescer: options.coalescer } : {}),
      ...(options.services ? { services: options.services } : {}),
      ...(this.options.explain ? { explain: this.options.explain } : {}),
      onReload: (reload) => this.recordReload(reload),
      onState: (state) => this.options.events.emit('watch.state', state),
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
    this.ended.delete(projectId);
    await watcher?.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.watchers.keys()].map((id) => this.stop(id)));
  }

  /**
   * The core now talks to another engine: every watcher stops (its containers are on the
   * old one), and its last watch.state says why. See docs/watch.md.
   */
  async hostChanged(hostUrl: string): Promise<void> {
    const reason: WatchError = {
      message: `Stopped watching: the Docker host changed to ${hostUrl}`,
      hint: 'Bring the stack up on this host, then start watching again (the watch switch, or slipway watch).',
    };
    const watchers = [...this.watchers];
    this.watchers.clear();
    for (const [projectId, watcher] of watchers) this.ended.set(projectId, watcher);
    await Promise.all(watchers.map(([, watcher]) => watcher.stop(reason)));
  }

  watcher(projectId: string): ProjectWatcher | undefined {
    return this.watchers.get(projectId);
  }

  status(projectId: string): WatchStatus {
    const state = this.watchers.get(projectId)?.state() ?? this.ended.get(projectId)?.state() ?? { projectId, watching: false };
    return { ...state, reloads: this.reloads.get(projectId) ?? [] };
  }

  /** Stops every watcher and stops listening to the core. */
  async dispose(): Promise<void> {
    this.offClosed();
    await this.stopAll();
  }

  private recordReload(reload: WatchReload): void {
    const list = this.reloads.get(reload.projectId) ?? [];
    list.push(reload);
    const forService = list.filter((r) => r.service === reload.service);
    if (forService.length > RELOADS_KEPT_PER_SERVICE) list.splice(list.indexOf(forService[0] as WatchReload), 1);
    this.reloads.set(reload.projectId, list);
    this.options.events.emit('watch.reload', reload);
  }
}
