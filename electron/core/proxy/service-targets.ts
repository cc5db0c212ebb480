import type { ContainerPort } from '../../../shared/model/state';
import type { ProjectContainer } from '../state/container-record';

export interface ServiceTarget {
  container: string;
  host: string;
  port: number;
}

/**
 * Where a service's HTTP traffic can go: for each running replica, the host port published
 * for `containerPort`, or (when none is asked for) for the service's lowest published TCP
 * port. Ports published on all interfaces are reached on loopback.
 */
export function serviceTargets(containers: readonly ProjectContainer[], service: string, containerPort?: number): ServiceTarget[] {
  const targets: ServiceTarget[] = [];
  for (const container of containers) {
    if (container.service !== service || container.state !== 'running') continue;
    const port = pickPort(container.ports, containerPort);
    if (port?.published === undefined) continue;
    targets.push({ container: container.name, host: loopbackFor(port.hostIp), port: port.published });
  }
  return targets;
}

/** The container ports a service publishes over TCP, lowest first. */
export function publishedTcpPorts(ports: readonly ContainerPort[]): ContainerPort[] {
  const seen = new Set<number>();
  return ports
    .filter((p) => p.protocol === 'tcp' && p.published !== undefined)
    .sort((a, b) => a.target - b.target)
    .filter((p) => (seen.has(p.target) ? false : (seen.add(p.target), true)));
}

function pickPort(ports: readonly ContainerPort[], containerPort: number | undefined): ContainerPort | undefined {
  const tcp = publishedTcpPorts(ports);
  return containerPort === undefined ? tcp[0] : tcp.find((p) => p.target === containerPort);
}

function loopbackFor(hostIp: string | undefined): string {
  return !hostIp || hostIp === '0.0.0.0' || hostIp === '::' ? '127.0.0.1' : hostIp;
}
