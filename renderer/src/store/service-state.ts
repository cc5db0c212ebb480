import type { ContainerPort, ContainerState, ServiceState, ServiceStateWord } from '../../../shared/model/state';

export type { ServiceState, ServiceStateWord, ContainerPort, ContainerState };

/** The one word a person reads in the services table: "exited (N)" carries the code. */
export function stateWord(s: ServiceState | undefined): string {
  if (!s) return 'stopped';
  return withCode(s.state, s.exitCode);
}

/** One replica's word, as the state room gives it (its Docker state when it gives none). */
export function replicaWord(c: ContainerState): string {
  return withCode(c.word ?? c.state, c.exitCode);
}

function withCode(word: string, exitCode: number | undefined): string {
  return word === 'exited' ? `exited (${exitCode ?? '?'})` : word;
}

/** Up in some form: a shell can go in, Stop makes sense. */
export function isLive(word: string): boolean {
  return word === 'running' || word === 'healthy' || word === 'starting' || word === 'unhealthy';
}

/** Ready: nothing more to wait for. */
export function isReady(word: string): boolean {
  return word === 'running' || word === 'healthy' || word === 'completed';
}

export type Tone = 'ok' | 'busy' | 'bad' | 'idle';

export function stateTone(word: string): Tone {
  if (isReady(word)) return 'ok';
  if (word === 'starting' || word === 'created') return 'busy';
  if (word === 'unhealthy' || word.startsWith('exited')) return 'bad';
  return 'idle';
}

const HTTP_PORTS = new Set([80, 443, 3000, 3001, 4000, 4200, 5000, 5173, 8000, 8008, 8080, 8081, 8088, 8443, 8888, 9000, 9090]);

/** A link for a published TCP port that is probably HTTP. */
export function portLink(p: ContainerPort): string | undefined {
  if (p.protocol !== 'tcp' || !p.published) return undefined;
  if (!HTTP_PORTS.has(p.target) && !HTTP_PORTS.has(p.published)) return undefined;
  const host = !p.hostIp || p.hostIp === '0.0.0.0' || p.hostIp === '::' ? '127.0.0.1' : p.hostIp;
  const scheme = p.target === 443 || p.target === 8443 ? 'https' : 'http';
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${p.published}/`;
}

export function portLabel(p: ContainerPort): string {
  return p.published ? `${p.published}→${p.target}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}` : `${p.target}/${p.protocol}`;
}

export function formatUptime(startedAt: string | undefined, now: number): string {
  const t = startedAt ? Date.parse(startedAt) : NaN;
  if (!Number.isFinite(t) || t <= 0) return '—';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
