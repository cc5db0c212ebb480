import type { SlipwayClient } from '../../shared/client';
import { ProjectRef } from '../../shared/contract/common';
import type { TaskDone } from '../../shared/contract/tasks';
import type { DesktopState } from './desktop-state';
import { emptyDesktopState, isLive } from './desktop-state';
import { applyProjectState, reduceDesktopState, type DesktopEvent } from './desktop-state-reducer';
import type { DesktopNotice } from './notification-rules';
import { NoticeLimiter, noticeForTaskDone, noticesForStateChange } from './notification-rules';
import type { ProjectUsage, TrayModel } from './tray-model';
import { trayModel } from './tray-model';

/**
 * The desktop's view of the core, without Electron: core events are reduced into
 * DesktopState; each change re-renders the tray (when its model changed) and runs the
 * notification rules through the limiter. tray.ts and notifications.ts draw the results.
 */
/** How long exits stay quiet after this app asked a project to stop or restart. */
const QUIET_AFTER_STOP_MS = 30_000;
/** A tooltip's CPU and memory are sampled again on hover at most this often. */
const USAGE_FRESH_MS = 5_000;

/** What the controller needs of the contract client. */
export type ControllerClient = Pick<SlipwayClient, 'call' | 'on'>;

export interface ControllerOutputs {
  renderTray(model: TrayModel): void;
  notify(notice: DesktopNotice): void;
  notificationsEnabled(): boolean;
  now?: () => number;
}

export class DesktopController {
  private state: DesktopState = emptyDesktopState;
  private lastTray = '';
  private readonly limiter = new NoticeLimiter();
  private readonly unsubscribe: (() => void)[];
  private readonly quietUntil = new Map<string, number>();
  /** Per project, the running services the addresses were last asked for. */
  private readonly addressesFor = new Map<string, string>();
  /** Per project, its CPU and memory from the last one-shot stats sample (never a stream). */
  private readonly usage = new Map<string, ProjectUsage>();
  private usageSampledAt = Number.NEGATIVE_INFINITY;
  private usageInFlight: Promise<void> | undefined;

  constructor(
    private readonly client: ControllerClient,
    private readonly out: ControllerOutputs,
  ) {
    const reduce = (event: DesktopEvent) => this.onEvent(event);
    this.unsubscribe = [
      client.on('project.opened', (payload) => reduce({ name: 'project.opened', payload })),
      client.on('project.closed', (payload) => reduce({ name: 'project.closed', payload })),
      client.on('state.changed', (payload) => reduce({ name: 'state.changed', payload })),
      client.on('engine.status', (payload) => reduce({ name: 'engine.status', payload })),
      client.on('task.progress', (payload) => reduce({ name: 'task.progress', payload })),
      client.on('task.done', (payload) => reduce({ name: 'task.done', payload })),
    ];
    this.render();
  }

  current(): DesktopState {
    return this.state;
  }

  tray(): TrayModel {
    return trayModel(this.state, this.usage);
  }

  /**
   * The tooltip's CPU and memory per project, from one stats sample of each project with
   * something running (`stats.sample`: no stream stays open). On hover of the tray icon,
   * at most every few seconds, and whenever what runs changes.
   */
  refreshUsage(force = false): Promise<void> {
    const now = (this.out.now ?? Date.now)();
    // What runs changed while a sample was under way: sample again after it.
    if (this.usageInFlight) return force ? this.usageInFlight.then(() => this.refreshUsage(true)) : this.usageInFlight;
    if (!force && now - this.usageSampledAt < USAGE_FRESH_MS) return Promise.resolve();
    this.usageSampledAt = now;
    const live = this.state.projects.filter((p) => p.services.some(isLive));
    for (const projectId of this.usage.keys()) if (!live.some((p) => p.projectId === projectId)) this.usage.delete(projectId);
    this.usageInFlight = Promise.all(
      live.map(async ({ projectId }) => {
        const sample = await this.client.call('stats.sample', { projectId }).catch(() => undefined);
        if (!sample) return;
        this.usage.set(projectId, sample.services.reduce((sum, s) => ({ cpuPercent: sum.cpuPercent + s.cpuPercent, memoryUsage: sum.memoryUsage + s.memoryUsage }), { cpuPercent: 0, memoryUsage: 0 }));
      }),
    ).then(() => {
      this.usageInFlight = undefined;
      this.render();
    });
    return this.usageInFlight;
  }

  /**
   * A call is about to be made from this app (window or tray): stop, restart and down
   * take services down on purpose, so their exits are not news for a while.
   */
  noteCall(name: string, input: unknown): void {
    if (!/^stack\.(stop|restart|down)$/.test(name)) return;
    const ref = ProjectRef.safeParse(input);
    if (ref.success) this.quietUntil.set(ref.data.projectId, (this.out.now ?? Date.now)() + QUIET_AFTER_STOP_MS);
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
  }

  private onEvent(event: DesktopEvent): void {
    const next = reduceDesktopState(this.state, event);
    if (event.name === 'project.opened') {
      const { projectId } = event.payload;
      // A failed snapshot leaves the project at 0/N; state.changed and engine.status follow anyway.
      this.snapshot(projectId).catch(() => undefined);
    }
    if (event.name === 'task.done') this.taskDone(event.payload);
    this.setState(next);
  }

  /** The first state of a project (this also starts its state feed in the core). */
  private async snapshot(projectId: string): Promise<void> {
    const state = await this.client.call('state.snapshot', { projectId });
    this.setState(applyProjectState(this.state, state));
  }

  private taskDone(done: TaskDone): void {
    const project = this.state.projects.find((p) => p.projectId === done.projectId);
    const notice = noticeForTaskDone(done, project?.name);
    if (notice) this.emitNotices([notice]);
  }

  private setState(next: DesktopState): void {
    if (next === this.state) return;
    const prev = this.state;
    this.state = next;
    this.emitNotices(noticesForStateChange(prev, next));
    this.render();
    this.refreshAddresses();
  }

  /** Asks for the service addresses (and the tooltip's usage) of each project whose running services changed. */
  private refreshAddresses(): void {
    let changed = false;
    for (const project of this.state.projects) {
      const running = project.services.filter(isLive).map((s) => s.service).join(',');
      if (this.addressesFor.get(project.projectId) === running) continue;
      this.addressesFor.set(project.projectId, running);
      changed = true;
      const { projectId } = project;
      if (running === '') {
        // Nothing runs, so nothing answers at an address: no need to ask.
        if (project.addresses) this.setState(reduceDesktopState(this.state, { name: 'proxy.urls', payload: { projectId, urls: [] } }));
        continue;
      }
      this.client.call('proxy.urls', { projectId }).then(
        (answer) => this.setState(reduceDesktopState(this.state, { name: 'proxy.urls', payload: { projectId, urls: answer.urls } })),
        () => undefined,
      );
    }
    if (changed) void this.refreshUsage(true);
  }

  private emitNotices(notices: DesktopNotice[]): void {
    if (notices.length === 0 || !this.out.notificationsEnabled()) return;
    const now = (this.out.now ?? Date.now)();
    const news = notices.filter((n) => !(n.target.view === 'logs' && n.target.projectId && (this.quietUntil.get(n.target.projectId) ?? 0) > now));
    for (const notice of this.limiter.admit(news, now)) this.out.notify(notice);
  }

  private render(): void {
    const model = trayModel(this.state, this.usage);
    const key = JSON.stringify(model);
    if (key === this.lastTray) return;
    this.lastTray = key;
    this.out.renderTray(model);
  }
}
