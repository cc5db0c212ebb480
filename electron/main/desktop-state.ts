import type { EngineStatusWord, ServiceStateWord } from '../../shared/model/state';

export type { EngineStatusWord, ServiceStateWord };

/** The parts of a `state.changed` / `state.snapshot` project state the desktop reads. */
export interface ProjectStateLike {
  projectId: string;
  engine: EngineStatusWord;
  services: { service: string; state: ServiceStateWord; exitCode?: number; containers?: { number: number; word?: ServiceStateWord | undefined; exitCode?: number | undefined }[] }[];
}

/** One replica of a scaled service: its number and its own word. */
export interface DesktopReplica {
  number: number;
  state: ServiceStateWord;
  exitCode?: number;
}

/**
 * What the tray, the dock badge and the notification rules look at: the open projects,
 * each service's state word, the engine, and the long work running per project. Pure data,
 * reduced from core events by desktop-state-reducer.ts.
 */
export interface DesktopService {
  service: string;
  state: ServiceStateWord;
  exitCode?: number;
  /** A scaled service's replicas (only when it has more than one). */
  replicas?: DesktopReplica[];
}

export interface DesktopProject {
  projectId: string;
  name: string;
  /** The services the project file declares (those without containers show as stopped). */
  declared: string[];
  /** Sorted by name. */
  services: DesktopService[];
  /** The tasks running for this project (kinds like 'up', 'stack.down', 'build'). */
  running: { taskId: string; kind: string }[];
  /** Each running service's address through the service proxy (http://SERVICE.PROJECT.localhost:PORT/), by service. */
  addresses?: Record<string, string>;
}

export interface DesktopState {
  engine: EngineStatusWord;
  engineMessage?: string;
  projects: DesktopProject[];
}

export const emptyDesktopState: DesktopState = { engine: 'connecting', projects: [] };

/** A service that is where it should be: up (healthy, or running without a healthcheck) or a one-shot that finished well. */
export function isReady(s: DesktopService): boolean {
  return s.state === 'healthy' || s.state === 'running' || s.state === 'completed';
}

/** A container of it runs (starting, running, healthy or unhealthy): a shell can open, an address can answer. */
export function isLive(s: Pick<DesktopService, 'state'>): boolean {
  return s.state !== 'stopped' && s.state !== 'exited' && s.state !== 'completed' && s.state !== 'created';
}

/** Unhealthy or crashed — the service, or any one of its replicas (the others running hide it from the service's word). */
export function isFailing(s: DesktopService | DesktopReplica): boolean {
  if (s.state === 'unhealthy' || (s.state === 'exited' && s.exitCode !== 0)) return true;
  return 'replicas' in s && (s.replicas ?? []).some(isFailing);
}

/** Work that takes services down on purpose: exits during it are expected. */
export function isStopping(p: DesktopProject): boolean {
  return p.running.some((t) => /(^|\.)(down|stop|restart|rm|remove)$/.test(t.kind));
}
