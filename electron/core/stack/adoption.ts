import type Docker from 'dockerode';
import type { ContainerSpec } from './container-spec';

type Inspect = Docker.ContainerInspectInfo;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Whether a container that Compose (or an older Slipway) made already runs what the
 * service asks for, so that up adopts it instead of recreating it. Compose's own
 * config-hash cannot be reproduced across tools, so the container's settings are compared:
 * image, command, entrypoint, environment, user labels, ports, healthcheck, init, network mode.
 */
export function runsSameConfig(info: Inspect, spec: ContainerSpec, imageId: string): boolean {
  const want = spec.options;
  const host = want.HostConfig ?? {};
  if (info.Image !== imageId) return false;
  if (want.Cmd && !same(info.Config.Cmd, want.Cmd)) return false;
  if (want.Entrypoint && !same(info.Config.Entrypoint, want.Entrypoint)) return false;
  const env = info.Config.Env ?? [];
  const has = new Set(env);
  for (const entry of want.Env ?? []) {
    // A bare KEY asks for the variable to be absent.
    if (entry.includes('=') ? !has.has(entry) : env.some((e) => e.startsWith(`${entry}=`))) return false;
  }
  for (const [key, value] of Object.entries(want.Labels ?? {})) {
    if (key.startsWith('com.docker.compose.') || key.startsWith('dev.slipway.')) continue;
    if (info.Config.Labels?.[key] !== value) return false;
  }
  const health = info.Config.Healthcheck as { Test?: string[] } | undefined;
  if (!same(health?.Test, (want.Healthcheck as { Test?: string[] } | undefined)?.Test)) return false;
  if (Boolean(info.HostConfig.Init) !== Boolean(host.Init)) return false;
  if (!samePorts(info.HostConfig.PortBindings as Record<string, { HostIp?: string; HostPort?: string }[]> | undefined, host.PortBindings as Record<string, { HostIp?: string; HostPort?: string }[]> | undefined)) return false;
  if (host.NetworkMode?.startsWith('container:') || info.HostConfig.NetworkMode?.startsWith('container:')) return false;
  if (['host', 'none'].includes(host.NetworkMode ?? '') !== ['host', 'none'].includes(info.HostConfig.NetworkMode ?? '')) return false;
  return true;
}

function samePorts(a: Record<string, { HostIp?: string; HostPort?: string }[]> | undefined, b: Record<string, { HostIp?: string; HostPort?: string }[]> | undefined): boolean {
  const norm = (m: typeof a) => Object.entries(m ?? {})
    .flatMap(([k, list]) => (list ?? []).map((p) => `${k}@${p.HostIp ?? ''}:${p.HostPort ?? ''}`))
    .sort();
  return same(norm(a), norm(b));
}
