import type { NavigateTarget } from '../../shared/contract/desktop';
import type { TaskDone } from '../../shared/contract/tasks';
import type { DesktopService, DesktopState } from './desktop-state';
import { isStopping } from './desktop-state';

/**
 * When to tell the user something, as pure rules: a service turned unhealthy or exited
 * unexpectedly, a build, push or pull finished or failed, the engine went away. Each notice
 * opens the relevant view. NoticeLimiter keeps them from becoming noise.
 */
export interface DesktopNotice {
  /** Same key, same thing: repeats within the cool-down are dropped. */
  key: string;
  title: string;
  body: string;
  target: NavigateTarget;
}

const live = new Set(['running', 'healthy', 'starting', 'unhealthy']);
/** 128 + SIGTERM: something (`docker stop`, another shell) asked it to stop. */
const SIGTERM_EXIT = 143;

export function noticesForStateChange(prev: DesktopState, next: DesktopState): DesktopNotice[] {
  if (prev.engine === 'up' && next.engine === 'down') {
    return [{ key: 'engine.down', title: 'The Docker engine went away', body: next.engineMessage ?? 'Slipway will reconnect when it is back.', target: { view: 'engine' } }];
  }
  if (next.engine !== 'up') return [];
  const notices: DesktopNotice[] = [];
  for (const project of next.projects) {
    const before = prev.projects.find((p) => p.projectId === project.projectId);
    if (!before || isStopping(project) || isStopping(before)) continue;
    const was = new Map<string, DesktopService>(before.services.map((s) => [s.service, s]));
    for (const s of project.services) {
      const old = was.get(s.service);
      if (!old) continue;
      const target: NavigateTarget = { view: 'logs', projectId: project.projectId, service: s.service };
      if (s.state === 'unhealthy' && old.state !== 'unhealthy') {
        notices.push({ key: `unhealthy:${project.projectId}/${s.service}`, title: `${s.service} is unhealthy`, body: `${project.name}: its healthcheck is failing.`, target });
      } else if (s.state === 'exited' && s.exitCode !== 0 && s.exitCode !== SIGTERM_EXIT && live.has(old.state)) {
        const code = s.exitCode === undefined ? '' : ` with code ${s.exitCode}`;
        notices.push({ key: `exited:${project.projectId}/${s.service}`, title: `${s.service} exited${code}`, body: `${project.name}: it stopped without being asked to.`, target });
      }
    }
  }
  return notices;
}

const buildKinds = /(^|\.)(build|push|build-push|buildPush|images\.\w+)$/;

export function noticeForTaskDone(done: TaskDone, projectName?: string): DesktopNotice | undefined {
  if (!buildKinds.test(done.kind)) return undefined;
  const what = /pull$/i.test(done.kind) ? 'Pull' : /push/i.test(done.kind) ? (/build/i.test(done.kind) ? 'Build & push' : 'Push') : 'Build';
  const where = projectName ?? done.projectId;
  const target: NavigateTarget = { view: 'build', taskId: done.taskId, ...(done.projectId ? { projectId: done.projectId } : {}) };
  if (done.ok) {
    return { key: `task:${done.taskId}`, title: `${what} finished`, body: where ? `${where}: done.` : 'Done.', target };
  }
  if (done.error?.code === 'cancelled') return undefined;
  const reason = done.error ? `${done.error.message}${done.error.hint ? ` ${done.error.hint}` : ''}` : 'It failed.';
  return { key: `task:${done.taskId}`, title: `${what} failed`, body: where ? `${where}: ${reason}` : reason, target };
}

export interface LimiterOptions {
  /** The same key is shown at most once per this many ms. */
  perKeyMs?: number;
  /** At most `maxPerWindow` notices per `windowMs`; the rest fold into one summary. */
  windowMs?: number;
  maxPerWindow?: number;
}

export class NoticeLimiter {
  private readonly lastByKey = new Map<string, number>();
  private shown: number[] = [];
  private summarisedAt = -Infinity;
  private readonly perKeyMs: number;
  private readonly windowMs: number;
  private readonly maxPerWindow: number;

  constructor(options: LimiterOptions = {}) {
    this.perKeyMs = options.perKeyMs ?? 60_000;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxPerWindow = options.maxPerWindow ?? 4;
  }

  admit(notices: DesktopNotice[], now: number): DesktopNotice[] {
    this.shown = this.shown.filter((t) => now - t < this.windowMs);
    const out: DesktopNotice[] = [];
    let folded = 0;
    for (const notice of notices) {
      const last = this.lastByKey.get(notice.key);
      if (last !== undefined && now - last < this.perKeyMs) continue;
      this.lastByKey.set(notice.key, now);
      if (this.shown.length < this.maxPerWindow) {
        this.shown.push(now);
        out.push(notice);
      } else {
        folded += 1;
      }
    }
    if (folded > 0 && now - this.summarisedAt >= this.windowMs) {
      this.summarisedAt = now;
      out.push({ key: 'summary', title: `${folded} more ${folded === 1 ? 'problem' : 'problems'}`, body: 'Open Slipway to see them.', target: { view: 'dashboard' } });
    }
    for (const [key, at] of this.lastByKey) if (now - at >= this.perKeyMs) this.lastByKey.delete(key);
    return out;
  }
}
