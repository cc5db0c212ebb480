import http from 'node:http';
import type { ServiceUrls } from '../../../shared/contract/proxy';
import type { Project } from '../../../shared/model/project';
import type { SettingsService } from '../settings/settings-service';
import type { ProjectContainer } from '../state/container-record';
import { serviceUrl } from './host-route';
import { PROXY_HEADER, ServiceProxy, type ContainerLookup } from './service-proxy';
import { publishedTcpPorts } from './service-targets';
import { NO_TLS_NAME } from '../no-tls-name';
import { compareText } from '../../../shared/compare-text';

export interface ProxyRoomDeps {
  lookup: ContainerLookup;
  /** Calls back with (project, service) for each container start, stop or removal; returns an unsubscribe. */
  onContainerChange(listener: (project: string, service: string) => void): Promise<() => void>;
  project(projectId: string): Project;
  settings: SettingsService;
  warn(line: string): void;
}

/**
 * The service proxy of this process: started by the shells that stay open, on the port
 * kept in settings (chosen on the first start). When that port is taken (another Slipway
 * window holds it), this one takes a free port for itself and says so.
 */
export class ServiceProxyRoom {
  private readonly proxy: ServiceProxy;
  private starting: Promise<number> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: ProxyRoomDeps) {
    this.proxy = new ServiceProxy({ lookup: deps.lookup });
  }

  start(): Promise<number> {
    this.starting ??= this.listen();
    return this.starting;
  }

  private async listen(): Promise<number> {
    this.unsubscribe = await this.deps.onContainerChange((project, service) => this.proxy.containerChanged(project, service)).catch(() => undefined);
    const saved = this.deps.settings.get().serviceUrlsPort;
    if (saved !== null) {
      try {
        return await this.proxy.listen(saved);
      } catch (error) {
        this.deps.warn(`slipway: service addresses: port ${saved} on 127.0.0.1 is taken (${error instanceof Error ? error.message : String(error)}); using a free port for this window`);
        return this.proxy.listen(0);
      }
    }
    const port = await this.proxy.listen(0);
    try {
      this.deps.settings.update({ serviceUrlsPort: port });
    } catch (error) {
      this.deps.warn(`slipway: could not keep the service-address port in settings: ${error instanceof Error ? error.message : String(error)}`);
    }
    return port;
  }

  /** The project's addresses: through this process's proxy, or another Slipway's on the port kept in settings. */
  async urls(projectId: string): Promise<ServiceUrls> {
    const here = this.proxy.port;
    const port = here ?? this.deps.settings.get().serviceUrlsPort;
    if (port === null) return { port, running: false, urls: [] };
    if (here === undefined && !(await proxyAnswers(port))) return { port, running: false, urls: [] };
    const project = this.deps.project(projectId);
    return { port, running: true, urls: urlsOf(project.name, await this.deps.lookup(project.name), port) };
  }

  close(): Promise<void> {
    this.starting = undefined;
    this.unsubscribe?.();
    return this.proxy.close();
  }
}

/** One address per published TCP port of each running service: the lowest port by name alone, the others by PORT.name. */
export function urlsOf(projectName: string, containers: readonly ProjectContainer[], proxyPort: number): ServiceUrls['urls'] {
  const ports = new Map<string, Set<number>>();
  for (const container of containers) {
    if (container.state !== 'running') continue;
    const set = ports.get(container.service) ?? new Set<number>();
    for (const port of publishedTcpPorts(container.ports)) set.add(port.target);
    ports.set(container.service, set);
  }
  const urls: ServiceUrls['urls'] = [];
  for (const [service, set] of [...ports].sort(([a], [b]) => compareText(a, b))) {
    [...set].sort((a, b) => a - b).forEach((containerPort, index) => {
      const route = index === 0 ? { project: projectName, service } : { project: projectName, service, containerPort };
      urls.push({ service, containerPort, url: serviceUrl(route, proxyPort) });
    });
  }
  return urls;
}

/** Whether a Slipway service proxy answers on 127.0.0.1:port (a quick request it answers itself). */
function proxyAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/', headers: { host: 'slipway.localhost' }, timeout: 300, ...NO_TLS_NAME }, (res) => {
      res.resume();
      resolve(res.headers[PROXY_HEADER] === '1');
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
