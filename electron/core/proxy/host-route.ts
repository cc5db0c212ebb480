/**
 * Which service a request is for, from its Host header: `SERVICE.PROJECT.localhost`, or
 * `PORT.SERVICE.PROJECT.localhost` for one of several published ports (PORT is the port
 * inside the container). Browsers resolve every `*.localhost` name to loopback by
 * themselves, so these names need no DNS or hosts-file change.
 */
export interface HostRoute {
  project: string;
  service: string;
  /** The container port asked for, when the name starts with one. */
  containerPort?: number;
}

const LABEL = /^[a-z0-9][a-z0-9_-]*$/;

export function routeFromHost(host: string | undefined): HostRoute | undefined {
  if (!host) return undefined;
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const labels = name.split('.');
  if (labels.pop() !== 'localhost') return undefined;
  const project = labels.pop();
  const service = labels.pop();
  if (!project || !service || !LABEL.test(project) || !LABEL.test(service)) return undefined;
  if (labels.length === 0) return { project, service };
  const port = labels.length === 1 && /^\d{1,5}$/.test(labels[0] ?? '') ? Number(labels[0]) : NaN;
  return port > 0 && port < 65536 ? { project, service, containerPort: port } : undefined;
}

/** The name a service answers to through the proxy. */
export function serviceUrl(route: HostRoute, proxyPort: number): string {
  const prefix = route.containerPort === undefined ? '' : `${route.containerPort}.`;
  return `http://${prefix}${route.service}.${route.project}.localhost:${proxyPort}/`;
}
