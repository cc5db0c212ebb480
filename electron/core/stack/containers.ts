import type Docker from 'dockerode';
import { LABEL, isOneOff, projectFilter } from './labels';

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
  health?: 'healthy' | 'unhealthy' | 'starting';
  exitCode?: number;
  image: string;
  imageId: string;
  labels: Record<string, string>;
  ports: { hostIp?: string; hostPort?: number; containerPort: number; protocol: string }[];
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

function healthFromStatus(status: string): ProjectContainer['health'] {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return undefined;
}

function exitCodeFromStatus(status: string): number | undefined {
  const match = /^Exited \((-?\d+)\)/.exec(status);
  return match ? Number(match[1]) : undefined;
}

/**
 * Every service container of the project, whoever made it (Slipway, `docker compose`,
 * `docker-compose`): found by Compose's labels; one-off (`run`) containers are left out.
 * Only those of `services` when given (and not empty).
 */
export async function listProjectContainers(docker: Docker, projectName: string, services?: readonly string[]): Promise<ProjectContainer[]> {
  const list = await docker.listContainers({ all: true, filters: projectFilter(projectName) });
  const wanted = services && services.length > 0 ? new Set(services) : undefined;
  const out: ProjectContainer[] = [];
  for (const info of list) {
    const labels = info.Labels ?? {};
    if (isOneOff(labels)) continue;
    const service = labels[LABEL.service];
    if (!service || (wanted && !wanted.has(service))) continue;
    const health = healthFromStatus(info.Status ?? '');
    const exitCode = info.State === 'exited' ? exitCodeFromStatus(info.Status ?? '') : undefined;
    out.push({
      id: info.Id,
      name: (info.Names?.[0] ?? info.Id).replace(/^\//, ''),
      service,
      number: Number(labels[LABEL.number] ?? 1) || 1,
      state: info.State,
      status: info.Status ?? '',
      command: info.Command ?? '',
      created: info.Created,
      ...(health ? { health } : {}),
      ...(exitCode !== undefined ? { exitCode } : {}),
      image: info.Image,
      imageId: info.ImageID,
      labels,
      ports: sortPorts((info.Ports ?? []).map((p) => ({
        ...(p.IP ? { hostIp: p.IP } : {}),
        ...(p.PublicPort ? { hostPort: p.PublicPort } : {}),
        containerPort: p.PrivatePort,
        protocol: p.Type,
      }))),
      mounts: (info.Mounts ?? []).map((m) => ({
        type: m.Type,
        ...(m.Name ? { name: m.Name } : {}),
        source: m.Source,
        destination: m.Destination,
        rw: m.RW,
      })),
      ours: labels[LABEL.slipway] !== undefined,
    });
  }
  return out.sort((a, b) => a.service.localeCompare(b.service) || a.number - b.number);
}

/** Docker lists ports in no fixed order: by container port, protocol, host port, host address. */
function sortPorts(ports: ProjectContainer['ports']): ProjectContainer['ports'] {
  return ports.sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol)
    || (a.hostPort ?? 0) - (b.hostPort ?? 0) || (a.hostIp ?? '').localeCompare(b.hostIp ?? ''));
}

/** Containers grouped by service. */
export function byService(containers: ProjectContainer[]): Map<string, ProjectContainer[]> {
  const map = new Map<string, ProjectContainer[]>();
  for (const c of containers) {
    const list = map.get(c.service) ?? [];
    list.push(c);
    map.set(c.service, list);
  }
  return map;
}
