import { errorMessage, isSlipwayError } from '../../../shared/errors';
import type { DockerConnection } from '../docker/connect';
import type { PingResult } from '../docker/ping-host';
import type { ResolvedHost } from '../docker/resolve-host';
import type { CheckFix, DoctorCheck, DoctorDeps } from './types';
import { formatBytes } from '../../../shared/format-bytes';
import { isLocalEngine } from './local-engine';

export interface EngineProbe {
  connection?: DockerConnection;
  ping?: PingResult;
  /** Set when the host could not even be resolved. */
  resolveError?: { message: string; hint?: string };
}

export async function probeEngine(deps: DoctorDeps): Promise<EngineProbe> {
  let connection: DockerConnection;
  try {
    connection = deps.connect();
  } catch (error) {
    const e = isSlipwayError(error) ? error : { message: errorMessage(error) };
    return { resolveError: { message: e.message, ...(isSlipwayError(error) && error.hint ? { hint: error.hint } : {}) } };
  }
  return { connection, ping: await deps.ping(connection) };
}

export async function engineReachableCheck(deps: DoctorDeps, probe: EngineProbe): Promise<DoctorCheck> {
  const base = { id: 'engine.reachable', title: 'Docker engine reachable' };
  if (probe.resolveError) {
    return { ...base, status: 'fail', message: probe.resolveError.message, fix: { kind: 'command', command: probe.resolveError.hint ?? 'Check DOCKER_HOST and DOCKER_CONTEXT.' } };
  }
  const ping = probe.ping;
  if (ping?.ok) {
    const e = ping.engine;
    const api = Number.parseFloat(e.apiVersion);
    const where = `${ping.host.url} (${ping.host.source})`;
    if (Number.isFinite(api) && api < 1.41) {
      return { ...base, status: 'warn', message: `Docker ${e.version} (API ${e.apiVersion}) at ${where}: older than Docker 20.10 (API 1.41), some features may fail`, fix: { kind: 'command', command: 'Update the Docker engine to 20.10 or newer.' } };
    }
    return { ...base, status: 'ok', message: `Docker ${e.version} (API ${e.apiVersion}, ${e.os}/${e.arch}) at ${where}, answered in ${ping.latencyMs} ms` };
  }
  const error = ping && !ping.ok ? ping.error : undefined;
  return { ...base, status: 'fail', message: error?.message ?? 'The engine did not answer', fix: await startFix(deps, probe.connection?.host, error?.hint) };
}

/** How to get an engine: start a stopped VM/service we found (an action), else the diagnosis' hint. */
async function startFix(deps: DoctorDeps, host: ResolvedHost | undefined, hint: string | undefined): Promise<CheckFix> {
  if (hint && /usermod|TLS|certificate|ssh|DOCKER_TLS_VERIFY/i.test(hint)) return { kind: 'command', command: hint };
  const instances = await deps.hostInstances().catch(() => []);
  const startable = instances.filter((i) => i.canStart && i.state !== 'running');
  const same = startable.find((i) => host && i.dockerHost === host.url) ?? startable[0];
  if (same) {
    const fix: CheckFix = { kind: 'action', actionId: `host.start:${same.name}`, label: `Start ${same.title}` };
    if (same.startCommand) fix.command = same.startCommand;
    return fix;
  }
  const here = instances.find((i) => host && i.dockerHost === host.url);
  if (here?.startCommand && !here.canStart) return { kind: 'command', command: here.startCommand, label: `Start ${here.title} yourself` };
  if (instances.length === 0) {
    return {
      kind: 'command',
      command:
        deps.platform === 'darwin'
          ? 'No Docker engine found: install one (`brew install colima docker && colima start`, or Docker Desktop / OrbStack), then run `slipway doctor` again.'
          : 'No Docker engine found: install and start one (`sudo apt install docker.io && sudo systemctl enable --now docker`), then run `slipway doctor` again.',
    };
  }
  return { kind: 'command', command: hint ?? 'Start the Docker engine (see `slipway hosts`).' };
}

export function socketPermissionCheck(deps: DoctorDeps, probe: EngineProbe): DoctorCheck {
  const base = { id: 'engine.socket-permission', title: 'Permission on the Docker socket' };
  const url = probe.connection?.host.url;
  if (!url || !url.startsWith('unix://')) return { ...base, status: 'ok', message: url ? `Not a local socket (${url}): nothing to check` : 'No socket to check' };
  const socket = url.slice('unix://'.length);
  const access = deps.socketAccess(socket);
  if (access === 'ok') return { ...base, status: 'ok', message: `You may read and write ${socket}` };
  if (access === 'missing') return { ...base, status: 'warn', message: `${socket} does not exist (no engine runs there yet)` };
  return {
    ...base,
    status: 'fail',
    message: `You may not use ${socket}: permission denied`,
    fix: { kind: 'command', command: 'sudo usermod -aG docker $USER', label: 'Add yourself to the docker group, then log out and in again (or run `newgrp docker`)' },
  };
}

export function diskCheck(deps: DoctorDeps, probe: EngineProbe): DoctorCheck {
  const base = { id: 'engine.disk', title: 'Free disk on the engine data root' };
  if (!probe.ping?.ok) return { ...base, status: 'warn', message: 'Not checked: the engine is not reachable' };
  const root = probe.ping.engine.dataRoot;
  if (!root) return { ...base, status: 'warn', message: 'The engine did not say where its data root is' };
  const local = isLocalEngine(probe.ping.host.url) && deps.platform === 'linux';
  const stat = local ? deps.statfs(root) : undefined;
  if (!stat) return { ...base, status: 'ok', message: `Data root ${root} is inside a VM or on another machine: free space not measured from here` };
  const free = formatBytes(stat.freeBytes);
  const fix: CheckFix = { kind: 'command', command: 'docker system prune', label: 'Remove stopped containers, unused networks, dangling images and build cache' };
  if (stat.freeBytes < deps.thresholds.diskFailBytes) return { ...base, status: 'fail', message: `Only ${free} free on ${root}: builds and pulls will fail`, fix };
  if (stat.freeBytes < deps.thresholds.diskWarnBytes) return { ...base, status: 'warn', message: `${free} free on ${root}: low`, fix };
  return { ...base, status: 'ok', message: `${free} free of ${formatBytes(stat.totalBytes)} on ${root}` };
}

export function clockCheck(deps: DoctorDeps, probe: EngineProbe): DoctorCheck {
  const base = { id: 'engine.clock', title: 'Clock of the engine and this machine agree' };
  if (!probe.ping?.ok) return { ...base, status: 'warn', message: 'Not checked: the engine is not reachable' };
  const skew = probe.ping.engine.clockSkewMs;
  if (skew === undefined) return { ...base, status: 'warn', message: 'The engine did not report its time' };
  const abs = Math.abs(skew);
  const said = `${(abs / 1000).toFixed(1)} s ${skew > 0 ? 'ahead of' : 'behind'} this machine`;
  const vm = deps.platform === 'darwin';
  const fix: CheckFix = {
    kind: 'command',
    command: vm ? 'colima restart' : 'sudo timedatectl set-ntp true',
    label: vm ? 'Restart the VM (its clock drifts after sleep), e.g. `colima restart`' : 'Turn on time synchronisation on the engine host',
  };
  if (abs > deps.thresholds.clockFailMs) return { ...base, status: 'fail', message: `The engine's clock is ${said}: TLS, builds and logs timestamps will be wrong`, fix };
  if (abs > deps.thresholds.clockWarnMs) return { ...base, status: 'warn', message: `The engine's clock is ${said}`, fix };
  return { ...base, status: 'ok', message: abs < 1000 ? 'Within a second' : `The engine's clock is ${said}` };
}
