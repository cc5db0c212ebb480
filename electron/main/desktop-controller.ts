import type { TaskDone } from '../../shared/contract/tasks';
import type { Envelope } from '../../shared/envelope';
import type { DesktopState, ProjectStateLike } from './desktop-state';
import { emptyDesktopState } from './desktop-state';
import { applyProjectState, reduceDesktopState } from './desktop-state-reducer';
import type { DesktopNotice } from './notification-rules';
import { NoticeLimiter, noticeForTaskDone, noticesForStateChange } from './notification-rules';
import type { TrayModel } from './tray-model';
import { trayModel } from './tray-model';

/**
 * The desktop's view of the core, without Electron: core events are reduced into
 * DesktopState; each change re-renders the tray (when its model changed) and runs the
 * notification rules through the limiter. tray.ts and notifications.ts draw the results.
 */
/** How long exits stay quiet after this app asked a project to stop or restart. */
const QUIET_AFTER_STOP_MS = 30_000;

export interface ControllerCore {
  events: { onAny(listener: (event: string, payload: unknown) => void): () => void };
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
}

export interface ControllerOutputs {
  renderTray(model: TrayModel): void;
  notify(notice: DesktopNotice): void;
  notificationsEnabled(): boolean;
  recordRecent(project: { path: string; name: string }): void;
  now?: () => number;
}

export class DesktopController {
  private state: DesktopState = emptyDesktopState;
  private lastTray = '';
  private readonly limiter = new NoticeLimiter();
  private readonly finished = new Map<string, TaskDone>();
  private readonly waiters = new Map<string, ((done: TaskDone) => void)[]>();
  private readonly unsubscribe: () => void;
  private readonly quietUntil = new Map<string, number>();

  constructor(
    private readonly core: ControllerCore,
    private readonly out: ControllerOutputs,
  ) {
    this.unsubscribe = core.events.onAny((name, payload) => this.onEvent(name, payload));
    this.render();
  }

  current(): DesktopState {
    return this.state;
  }

  tray(): TrayModel {
    return trayModel(this.state);
  }

  /** Resolves when the task ends (also when it already has). */
  waitForTask(taskId: string): Promise<TaskDone> {
    const done = this.finished.get(taskId);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => this.waiters.set(taskId, [...(this.waiters.get(taskId) ?? []), resolve]));
  }

  /**
   * A call is about to be made from this app (window or tray): stop, restart and down
   * take services down on purpose, so their exits are not news for a while.
   */
  noteCall(name: string, input: unknown): void {
    if (!/^stack\.(stop|restart|down)$/.test(name)) return;
    const projectId = (input as { projectId?: unknown } | null)?.projectId;
    if (typeof projectId === 'string') this.quietUntil.set(projectId, (this.out.now ?? Date.now)() + QUIET_AFTER_STOP_MS);
  }

  dispose(): void {
    this.unsubscribe();
  }

  private onEvent(name: string, payload: unknown): void {
    const next = reduceDesktopState(this.state, { name, payload });
    if (name === 'project.opened') {
      const opened = payload as { projectId: string; name: string; workingDir: string };
      this.out.recordRecent({ path: opened.workingDir, name: opened.name });
      this.snapshot(opened.projectId).catch((error: unknown) => console.error(`slipway: state of ${opened.projectId}: ${(error as Error).message}`));
    }
    if (name === 'task.done') this.taskDone(payload as TaskDone);
    this.setState(next);
  }

  /** The first state of a project (this also starts its state feed in the core). */
  private async snapshot(projectId: string): Promise<void> {
    const answer = await this.core.call('state.snapshot', { projectId });
    const value = answer.ok ? (answer.value as ProjectStateLike | undefined) : undefined;
    // A failed snapshot leaves the project at 0/N; state.changed and engine.status follow anyway.
    if (value && Array.isArray(value.services)) this.setState(applyProjectState(this.state, value));
  }

  private taskDone(done: TaskDone): void {
    this.finished.set(done.taskId, done);
    if (this.finished.size > 100) this.finished.delete(this.finished.keys().next().value as string);
    for (const resolve of this.waiters.get(done.taskId) ?? []) resolve(done);
    this.waiters.delete(done.taskId);
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
  }

  private emitNotices(notices: DesktopNotice[]): void {
    if (notices.length === 0 || !this.out.notificationsEnabled()) return;
    const now = (this.out.now ?? Date.now)();
    const news = notices.filter((n) => !(n.target.view === 'logs' && n.target.projectId && (this.quietUntil.get(n.target.projectId) ?? 0) > now));
    for (const notice of this.limiter.admit(news, now)) this.out.notify(notice);
  }

  private render(): void {
    const model = trayModel(this.state);
    const key = JSON.stringify(model);
    if (key === this.lastTray) return;
    this.lastTray = key;
    this.out.renderTray(model);
  }
}
