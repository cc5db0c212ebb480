import type Docker from 'dockerode';
import type { ContainerPort, ContainerState, ServiceState, ServiceStateWord } from '../../../shared/model/state';
import { LABEL, isOneOff } from '../stack/labels';

/** A service container as the state feed keeps it. */
export interface TrackedContainer extends ContainerState {
  project: string;
  service: string;
}

/** The state feed's view of one container from `docker inspect`; undefined for non-Compose or one-off containers. */
export function fromInspect(info: Docker.ContainerInspectInfo): TrackedContainer | undefined {
  const labels = info.Config?.Labels ?? {};
  const project = labels[LABEL.project];
  const service = labels[LABEL.service];
  if (project === undefined || service === undefined || isOneOff(labels)) return undefined;
  const state = info.State;
  const running = state.Running || state.Restarting;
  const container: TrackedContainer = {
    project,
    service,
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    number: Number(labels[LABEL.number] ?? 1) || 1,
    state: state.Status,
    ports: portsOf(info),
    image: info.Config?.Image ?? info.Image,
  };
  const health = (state as { Health?: { Status?: string } }).Health?.Status;
  if (health && health !== 'none') container.health = health;
  if (!running && state.Status !== 'created') container.exitCode = state.ExitCode;
  if (state.StartedAt && !state.StartedAt.startsWith('0001-')) container.startedAt = state.StartedAt;
  return container;
}

function portsOf(info: Docker.ContainerInspectInfo): ContainerPort[] {
  const ports: ContainerPort[] = [];
  const bindings = (info.NetworkSettings?.Ports ?? {}) as Record<string, Array<{ HostIp: string; HostPort: string }> | null>;
  for (const [key, list] of Object.entries(bindings)) {
    const [port, protocol = 'tcp'] = key.split('/');
    const target = Number(port);
    if (!list || list.length === 0) {
      ports.push({ target, protocol });
      continue;
    }
    for (const b of list) ports.push({ target, protocol, published: Number(b.HostPort), ...(b.HostIp ? { hostIp: b.HostIp } : {}) });
  }
  return ports.sort((a, b) => a.target - b.target || (a.published ?? 0) - (b.published ?? 0));
}

/** Exit codes of a stop: SIGTERM (143) or SIGKILL (137) after `docker stop`. */
const STOP_CODES = new Set([137, 143]);

/** One word for a service from its containers. */
export function serviceStateOf(service: string, containers: ContainerState[]): ServiceState {
  const sorted = [...containers].sort((a, b) => a.number - b.number);
  const out: ServiceState = { service, state: wordFor(sorted), containers: sorted };
  const exited = sorted.filter((c) => c.exitCode !== undefined);
  if (exited.length > 0 && exited.length === sorted.length) out.exitCode = (exited.find((c) => c.exitCode !== 0) ?? exited[0])?.exitCode;
  return out;
}

function wordFor(containers: ContainerState[]): ServiceStateWord {
  const running = containers.filter((c) => c.state === 'running');
  if (running.length > 0) {
    if (running.some((c) => c.health === 'unhealthy')) return 'unhealthy';
    if (running.some((c) => c.health === 'starting')) return 'starting';
    if (running.every((c) => c.health === 'healthy')) return 'healthy';
    return 'running';
  }
  if (containers.some((c) => c.state === 'restarting')) return 'starting';
  if (containers.length > 0 && containers.every((c) => c.state === 'created')) return 'created';
  if (containers.some((c) => c.state === 'paused')) return 'stopped';
  const codes = containers.map((c) => c.exitCode ?? 0);
  if (codes.length > 0 && codes.every((code) => code === 0)) return 'completed';
  if (codes.every((code) => code === 0 || STOP_CODES.has(code))) return 'stopped';
  return 'exited';
}
