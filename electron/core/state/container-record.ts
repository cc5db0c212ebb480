import type Docker from 'dockerode';
import type { ContainerPort, ContainerState, ServiceState, ServiceStateWord } from '../../../shared/model/state';
import type { EngineEvent } from '../docker/engine-events';
import { LABEL, isOneOff } from './compose-labels';
import { compareText } from '../../../shared/compare-text';

/**
 * The one place that says what a service container is doing, from each thing the engine
 * tells: a listing line (`docker ps -a`), an inspect, or an event. ps, up/down, readiness,
 * the live state feed, logs, exec and watch all read containers through these.
 */

export type Health = 'starting' | 'healthy' | 'unhealthy';

/** A service container of a project, as one `docker ps -a` line tells it. */
export interface ProjectContainer {
  id: string;
  name: string;
  service: string;
  number: number;
  /** created, running, exited, paused, restarting, dead. */
  state: string;
  /** Docker's status line: `Up 5 seconds (healthy)`, `Exited (1) 2 minutes ago`. */
  status: string;
  command: string;
  /** Seconds since the epoch. */
  created: number;
  health?: Health;
  exitCode?: number;
  image: string;
  imageId: string;
  labels: Record<string, string>;
  ports: ContainerPort[];
  /** What is mounted where (volumes by name, binds by host path); tmpfs mounts are not listed by Docker. */
  mounts: ContainerMount[];
  /** Made by Slipway (false: made by Compose or another tool). */
  ours: boolean;
}

export interface ContainerMount {
  type: string;
  /** The volume's name (type volume); anonymous volumes have a generated hex name. */
  name?: string;
  /** The host path (bind) or the volume's path on the engine. */
  source: string;
  destination: string;
  rw: boolean;
}

/** A service container as the live state feed keeps it. */
export interface TrackedContainer extends ContainerState {
  project: string;
  service: string;
}

function isHealth(value: string | undefined): value is Health {
  return value === 'starting' || value === 'healthy' || value === 'unhealthy';
}

function healthFromStatus(status: string): Health | undefined {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return undefined;
}

function exitCodeFromStatus(status: string): number | undefined {
  const match = /^Exited \((-?\d+)\)/.exec(status);
  return match ? Number(match[1]) : undefined;
}

/** Ports in one order whatever order Docker lists them in: container port, protocol, host port, host address. */
export function sortPorts(ports: ContainerPort[]): ContainerPort[] {
  return ports.sort((a, b) => a.target - b.target || compareText(a.protocol, b.protocol)
    || (a.published ?? 0) - (b.published ?? 0) || compareText(a.hostIp ?? '', b.hostIp ?? ''));
}

/** A listing line as a project container; undefined for containers that are not a service's (no labels, one-off). */
export function containerFromSummary(info: Docker.ContainerInfo): ProjectContainer | undefined {
  const labels = info.Labels ?? {};
  const service = labels[LABEL.service];
  if (!service || isOneOff(labels)) return undefined;
  const status = info.Status ?? '';
  const health = healthFromStatus(status);
  const exitCode = info.State === 'exited' ? exitCodeFromStatus(status) : undefined;
  return {
    id: info.Id,
    name: (info.Names?.[0] ?? info.Id).replace(/^\//, ''),
    service,
    number: Number(labels[LABEL.number] ?? 1) || 1,
    state: info.State,
    status,
    command: info.Command ?? '',
    created: info.Created,
    ...(health ? { health } : {}),
    ...(exitCode !== undefined ? { exitCode } : {}),
    image: info.Image,
    imageId: info.ImageID,
    labels,
    ports: sortPorts((info.Ports ?? []).map((p) => ({
      target: p.PrivatePort,
      protocol: p.Type,
      ...(p.PublicPort ? { published: p.PublicPort } : {}),
      ...(p.IP ? { hostIp: p.IP } : {}),
    }))),
    mounts: (info.Mounts ?? []).map((m) => ({
      type: m.Type,
      ...(m.Name ? { name: m.Name } : {}),
      source: m.Source,
      destination: m.Destination,
      rw: m.RW,
    })),
    ours: labels[LABEL.slipway] !== undefined,
  };
}

/** An inspect as the live feed keeps it; undefined for non-Compose or one-off containers. */
export function containerFromInspect(info: Docker.ContainerInspectInfo): TrackedContainer | undefined {
  const labels = info.Config.Labels ?? {};
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
    ports: portsOfInspect(info),
    image: info.Config.Image,
  };
  const health = state.Health?.Status;
  if (health && health !== 'none') container.health = health;
  if (!running && state.Status !== 'created') container.exitCode = state.ExitCode;
  if (state.StartedAt && !state.StartedAt.startsWith('0001-')) container.startedAt = state.StartedAt;
  return container;
}

/** A container's readiness facts from an inspect (after the events stream reconnected). */
export function readinessFromInspect(info: Docker.ContainerInspectInfo): { running: boolean; health?: Health; exitCode?: number } {
  const health = info.State.Health?.Status;
  const started = Boolean(info.State.StartedAt) && !info.State.StartedAt.startsWith('0001');
  return {
    running: info.State.Running,
    ...(isHealth(health) ? { health } : {}),
    ...(!info.State.Running && started ? { exitCode: info.State.ExitCode } : {}),
  };
}

function portsOfInspect(info: Docker.ContainerInspectInfo): ContainerPort[] {
  const ports: ContainerPort[] = [];
  const bindings: Record<string, { HostIp: string; HostPort: string }[] | null> = info.NetworkSettings.Ports ?? {};
  for (const [key, list] of Object.entries(bindings)) {
    const [port, protocol = 'tcp'] = key.split('/');
    const target = Number(port);
    if (!list || list.length === 0) {
      ports.push({ target, protocol });
      continue;
    }
    for (const b of list) ports.push({ target, protocol, published: Number(b.HostPort), ...(b.HostIp ? { hostIp: b.HostIp } : {}) });
  }
  return sortPorts(ports);
}

/** What one container event says about a service container's life. */
export interface ContainerChange {
  id: string;
  project: string;
  service: string;
  name: string;
  kind: 'create' | 'start' | 'die' | 'health' | 'destroy';
  exitCode?: number;
  health?: Health;
}

/**
 * A Docker container event as a change of a project's service container; undefined for
 * events that say nothing about readiness (exec_* of healthcheck probes, attach, resize…).
 */
export function containerChange(event: EngineEvent): ContainerChange | undefined {
  if (event.Type !== 'container') return undefined;
  const attributes = event.Actor.Attributes;
  const project = attributes[LABEL.project];
  if (project === undefined || isOneOff(attributes)) return undefined;
  const base = { id: event.Actor.ID, project, service: attributes[LABEL.service] ?? '', name: attributes.name ?? event.Actor.ID };
  const action = event.Action;
  if (action === 'create' || action === 'start' || action === 'destroy') return { ...base, kind: action };
  if (action === 'die') return { ...base, kind: 'die', exitCode: Number(attributes.exitCode ?? 0) };
  if (action.startsWith('health_status')) {
    const status = action.includes(':') ? action.split(':')[1]?.trim() : attributes.health_status;
    return isHealth(status) ? { ...base, kind: 'health', health: status } : undefined;
  }
  return undefined;
}

/** Exit codes of a stop: SIGTERM (143) or SIGKILL (137) after `docker stop`. */
const STOP_CODES = new Set([137, 143]);

/** One word for a service from its containers: the one vocabulary every shell shows. */
export function serviceStateOf(service: string, containers: ContainerState[]): ServiceState {
  const sorted = [...containers].sort((a, b) => a.number - b.number).map((c) => ({ ...c, word: wordFor([c]) }));
  const out: ServiceState = { service, state: wordFor(sorted), containers: sorted };
  const exited = sorted.filter((c) => c.exitCode !== undefined);
  if (exited.length > 0 && exited.length === sorted.length) {
    const code = (exited.find((c) => c.exitCode !== 0) ?? exited[0])?.exitCode;
    if (code !== undefined) out.exitCode = code;
  }
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
