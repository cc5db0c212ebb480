import { errorMessage, SlipwayError } from '../../../shared/errors';
import type { HostCandidate, HostStatus } from '../../../shared/contract/host';
import type { DockerConnection } from '../docker/connect';
import { pingHost } from '../docker/ping-host';
import { allProviders, findHostInstance, listHostInstances, realSystem, type HostProvider, type ProviderSystem } from '../docker/providers/index';
import { listHostCandidates } from './host-list';

/** What the host service needs of the core. */
export interface HostCore {
  env: Record<string, string | undefined>;
  docker(): DockerConnection;
  switchHost(target: { host?: string; context?: string }): DockerConnection;
}

export interface HostServiceOptions {
  system?: ProviderSystem;
  providers?: HostProvider[];
}

/** Status, list, start/stop and switch of Docker hosts, for the handlers and the CLI. */
export class HostService {
  readonly system: ProviderSystem;
  readonly providers: HostProvider[];

  constructor(private readonly core: HostCore, options: HostServiceOptions = {}) {
    this.system = options.system ?? realSystem(core.env);
    this.providers = options.providers ?? allProviders();
  }

  async status(withProvider = true): Promise<HostStatus> {
    let connection: DockerConnection;
    try {
      connection = this.core.docker();
    } catch (error) {
      const e = error instanceof SlipwayError ? error : new SlipwayError('docker_host_invalid', errorMessage(error));
      return { host: { url: '', source: 'unresolved', tls: false }, reachable: false, error: e.toInfo() };
    }
    const { host } = connection;
    const status: HostStatus = { host: { url: host.url, source: host.source, tls: host.tls, ...(host.context ? { context: host.context } : {}) }, reachable: false };
    const [ping, instances] = await Promise.all([pingHost(connection, 5_000), withProvider ? listHostInstances(this.system, this.providers).catch(() => []) : Promise.resolve([])]);
    if (ping.ok) {
      status.reachable = true;
      status.latencyMs = ping.latencyMs;
      if (ping.rttMs !== undefined) status.rttMs = ping.rttMs;
      const e = ping.engine;
      status.engine = { version: e.version, apiVersion: e.apiVersion, os: e.os, arch: e.arch };
      if (e.name) status.engine.name = e.name;
      if (e.cpus !== undefined) status.engine.cpus = e.cpus;
      if (e.memoryBytes !== undefined) status.engine.memoryBytes = e.memoryBytes;
      if (e.operatingSystem) status.engine.operatingSystem = e.operatingSystem;
      if (e.dataRoot) status.engine.dataRoot = e.dataRoot;
    } else {
      status.error = ping.error.toInfo();
    }
    const provider = instances.find((i) => i.dockerHost === host.url);
    if (provider) {
      status.provider = { name: provider.name, title: provider.title, canStart: provider.canStart, canStop: provider.canStop };
      // the provider knows better than a generic hint how this engine is started
      if (status.error && status.error.code === 'docker_not_running' && provider.startCommand) {
        status.error.hint = provider.canStart
          ? `Start ${provider.title}: \`${provider.startCommand}\` (or \`slipway host start ${provider.name}\`).`
          : `Start the engine yourself: \`${provider.startCommand}\` (${provider.detail ?? 'Slipway cannot start it here'}).`;
      }
    }
    return status;
  }

  async list(): Promise<HostCandidate[]> {
    let current;
    try {
      current = this.core.docker().host;
    } catch {
      current = undefined;
    }
    return listHostCandidates({ env: this.core.env, system: this.system, providers: this.providers, ...(current ? { current } : {}) });
  }

  /** Starts a provider's host and waits until its engine answers (or says why not). */
  async start(name: string, progress: (message: string) => void = () => undefined): Promise<void> {
    unmanaged(name, 'start');
    const { instance, provider } = await findHostInstance(this.system, name, this.providers);
    if (instance.state === 'running') {
      progress(`${instance.title} is already running`);
      return;
    }
    if (!instance.canStart) throw new SlipwayError('host_cannot_start', `Slipway cannot start ${instance.title} here${instance.detail ? ` (${instance.detail})` : ''}`, instance.startCommand ? `Run \`${instance.startCommand}\` yourself.` : 'Start it yourself.');
    progress(`Starting ${instance.title}${instance.startCommand ? ` (${instance.startCommand})` : ''}…`);
    await provider.start(this.system, instance);
    if (instance.dockerHost) {
      progress('Waiting for the engine to answer…');
      await this.waitForEngine(instance.dockerHost, 120_000);
    }
    progress(`${instance.title} is running`);
  }

  async stop(name: string, progress: (message: string) => void = () => undefined): Promise<void> {
    unmanaged(name, 'stop');
    const { instance, provider } = await findHostInstance(this.system, name, this.providers);
    if (instance.state === 'stopped') {
      progress(`${instance.title} is already stopped`);
      return;
    }
    if (!instance.canStop) throw new SlipwayError('host_cannot_stop', `Slipway cannot stop ${instance.title} here${instance.detail ? ` (${instance.detail})` : ''}`, instance.stopCommand ? `Run \`${instance.stopCommand}\` yourself.` : 'Stop it yourself.');
    progress(`Stopping ${instance.title}…`);
    await provider.stop(this.system, instance);
    progress(`${instance.title} is stopped`);
  }

  /** Switches the core to a candidate (by name from list()) or to a host URL. */
  async switchTo(name: string): Promise<HostStatus> {
    if (/^[a-z]+:\/\//.test(name)) {
      this.core.switchHost({ host: name });
    } else if (name.startsWith('context:')) {
      this.core.switchHost({ context: name.slice('context:'.length) });
    } else {
      const candidates = await this.list();
      const candidate = candidates.find((c) => c.name === name);
      if (!candidate) {
        throw new SlipwayError('host_not_found', `No host named "${name}"`, `Hosts: ${candidates.map((c) => c.name).join(', ') || 'none found'} (see \`slipway hosts\`).`);
      }
      if (!candidate.url) throw new SlipwayError('host_no_address', `${candidate.title} has no Docker address`, candidate.detail ?? 'Pick another host.');
      this.core.switchHost({ host: candidate.url });
    }
    return this.status();
  }

  private async waitForEngine(dockerHost: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.system.probe(dockerHost)) return;
      if (Date.now() > deadline) {
        throw new SlipwayError('host_start_timeout', `The host started but no engine answered at ${dockerHost} within ${Math.round(timeoutMs / 1000)} s`, 'Check the VM manager\'s own status and logs, then `slipway doctor`.');
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/** Contexts, DOCKER_HOST and sockets point at engines no provider here manages. */
function unmanaged(name: string, verb: 'start' | 'stop'): void {
  const kind = name.startsWith('context:') ? 'a docker context' : name === 'env' ? 'DOCKER_HOST' : name.startsWith('socket:') || /^[a-z]+:\/\//.test(name) ? 'an address' : undefined;
  if (!kind) return;
  throw new SlipwayError(
    `host_cannot_${verb}`,
    `Slipway cannot ${verb} ${name}: it is ${kind}, not a VM or service Slipway manages`,
    `${verb === 'start' ? 'Start' : 'Stop'} the engine where it runs; \`slipway host ${verb}\` takes the VMs and services \`slipway hosts\` lists with a ${verb} command.`,
  );
}
