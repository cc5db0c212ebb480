import type { DesktopProject, DesktopService, DesktopState } from './desktop-state';
import { isFailing, isLive, isReady } from './desktop-state';
import { bytesSize, percent } from '../../shared/docker-units';

/**
 * The tray as a pure function of state: which icon, which tooltip, which menu. The
 * Electron glue (tray.ts) only turns this plain template into a Menu and actions into calls.
 */
export type TrayIcon = 'healthy' | 'starting' | 'failing' | 'down' | 'idle';

export type TrayAction =
  | { kind: 'stack.up' | 'stack.down' | 'stack.restart' | 'build-push' | 'open-project'; projectId: string }
  | { kind: 'service.restart' | 'service.logs' | 'service.shell'; projectId: string; service: string }
  | { kind: 'open-dashboard' | 'open-folder' | 'quit' }
  | { kind: 'open-url'; url: string };

export interface TrayItem {
  label?: string;
  type?: 'normal' | 'separator' | 'submenu';
  enabled?: boolean;
  action?: TrayAction;
  submenu?: TrayItem[];
}

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  /** Services failing across projects (the macOS dock badge). */
  failing: number;
  menu: TrayItem[];
}

/** A project's CPU and memory summed over its running containers, from one stats sample. */
export interface ProjectUsage {
  cpuPercent: number;
  memoryUsage: number;
}

/** " · CPU 12.34% · 45.2MiB" after a project's tooltip line, when it was sampled. */
function usageText(usage: ProjectUsage | undefined): string {
  return usage ? ` · CPU ${percent(usage.cpuPercent)} · ${bytesSize(usage.memoryUsage)}` : '';
}

const severity: Record<TrayIcon, number> = { idle: 0, healthy: 1, starting: 2, failing: 3, down: 4 };

function projectStatus(p: DesktopProject): Exclude<TrayIcon, 'down'> {
  if (p.services.some(isFailing)) return 'failing';
  const up = p.running.some((t) => /(^|\.)(up|start|restart)$/.test(t.kind));
  if (up || p.services.some((s) => s.state === 'starting')) return 'starting';
  if (p.services.some(isReady)) return 'healthy';
  return 'idle';
}

export function worstIcon(state: DesktopState): TrayIcon {
  if (state.engine === 'down') return 'down';
  let worst: TrayIcon = state.engine === 'connecting' ? 'starting' : 'idle';
  for (const p of state.projects) {
    const s = projectStatus(p);
    if (severity[s] > severity[worst]) worst = s;
  }
  return worst;
}

function healthCount(p: DesktopProject): string {
  return `${p.services.filter(isReady).length}/${p.services.length} healthy`;
}

function serviceWord(s: Pick<DesktopService, 'state' | 'exitCode'>): string {
  return s.state === 'exited' && s.exitCode !== undefined ? `exited (${s.exitCode})` : s.state;
}

/** A scaled service's replicas, one line each (`web-2: exited (1)`), above its actions. */
function replicaLines(s: DesktopService): TrayItem[] {
  if (!s.replicas) return [];
  return [...s.replicas.map((r): TrayItem => ({ label: `${s.service}-${r.number}: ${serviceWord(r)}`, enabled: false })), { type: 'separator' }];
}

/** "Open web.shop.localhost:7380" for a service with an address through the service proxy. */
function addressItem(address: string | undefined): TrayItem[] {
  if (!address) return [];
  return [{ label: `Open ${new URL(address).host}`, action: { kind: 'open-url', url: address } }];
}

function serviceItem(p: DesktopProject, s: DesktopService): TrayItem {
  const target = { projectId: p.projectId, service: s.service };
  const live = isLive(s);
  return {
    type: 'submenu',
    label: `${s.service}: ${serviceWord(s)}${s.replicas ? ` (${s.replicas.length} replicas)` : ''}`,
    submenu: [
      ...replicaLines(s),
      ...addressItem(p.addresses?.[s.service]),
      { label: 'Restart', action: { kind: 'service.restart', ...target } },
      { label: 'Logs', action: { kind: 'service.logs', ...target } },
      { label: 'Shell', enabled: live, action: { kind: 'service.shell', ...target } },
    ],
  };
}

function projectSection(p: DesktopProject, engineUp: boolean): TrayItem[] {
  const anyUp = p.services.some((s) => s.state !== 'stopped' && s.state !== 'created');
  const busy = p.running.length > 0;
  const ref = { projectId: p.projectId };
  return [
    { label: `${p.name}: ${healthCount(p)}${busy ? ' (working…)' : ''}`, enabled: false },
    { label: 'Up', enabled: engineUp, action: { kind: 'stack.up', ...ref } },
    { label: 'Down', enabled: engineUp && anyUp, action: { kind: 'stack.down', ...ref } },
    { label: 'Restart', enabled: engineUp && anyUp, action: { kind: 'stack.restart', ...ref } },
    ...p.services.map((s) => serviceItem(p, s)),
    { label: 'Build & push', enabled: engineUp, action: { kind: 'build-push', ...ref } },
    { type: 'separator' },
  ];
}

function summary(state: DesktopState, icon: TrayIcon): string {
  if (state.engine === 'down') return `Docker engine is down${state.engineMessage ? `: ${state.engineMessage}` : ''}`;
  if (state.engine === 'connecting') return 'Connecting to the Docker engine…';
  if (state.projects.length === 0) return 'No project open';
  const words: Record<TrayIcon, string> = {
    healthy: 'All healthy',
    starting: 'Starting…',
    failing: 'Something is failing',
    idle: 'Nothing running',
    down: 'Docker engine is down',
  };
  return words[icon];
}

export function trayModel(state: DesktopState, usage: ReadonlyMap<string, ProjectUsage> = new Map()): TrayModel {
  const icon = worstIcon(state);
  const engineUp = state.engine === 'up';
  const headline = summary(state, icon);
  const lines = state.projects.map((p) => `${p.name}: ${healthCount(p)}${usageText(usage.get(p.projectId))}`);
  return {
    icon,
    tooltip: ['Slipway', headline, ...lines].join('\n'),
    failing: state.projects.reduce((n, p) => n + p.services.filter(isFailing).length, 0),
    menu: [
      { label: headline, enabled: false },
      { type: 'separator' },
      ...state.projects.flatMap((p) => projectSection(p, engineUp)),
      { label: 'Open dashboard', action: { kind: 'open-dashboard' } },
      { label: 'Open project…', action: { kind: 'open-folder' } },
      { type: 'separator' },
      { label: 'Quit Slipway', action: { kind: 'quit' } },
    ],
  };
}
