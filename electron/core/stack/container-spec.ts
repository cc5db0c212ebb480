import path from 'node:path';
import type Docker from 'dockerode';
import type { Healthcheck, Project, ServiceConfig } from '../../../shared/model/project';
import { parseDurationMs } from '../../../shared/duration';
import type { ContainerMount } from '../state/container-record';
import { LABEL } from '../state/compose-labels';
import { containerLabels } from './labels';
import { fileObjectMounts, type FileObjectMount } from './file-objects';
import { containerName, networkName, serviceNetworkKeys, stopTimeoutSeconds, volumeName } from './names';
import { serviceImage } from '../compose/service-image';
import { runtimeOptions } from './runtime-options';

/** Containers of other services this one refers to (network_mode: service:X, volumes_from). */
export type PeerContainers = Record<string, string>;

/** An anonymous volume of the container being replaced, carried over to its successor. */
export interface InheritedVolume {
  /** The volume's (generated) name. */
  name: string;
  target: string;
}

/** A container path as Go's path.Clean gives it (no `..`, no trailing slash), so targets compare equal. */
export function cleanPath(p: string): string {
  const clean = path.posix.normalize(p);
  return clean.length > 1 ? clean.replace(/\/+$/, '') : clean;
}

/** What a create needs besides the service: the peers it refers to, volumes it inherits, a name of its own. */
export interface SpecOptions {
  peers?: PeerContainers;
  inherited?: InheritedVolume[];
  /** Create under this name instead of the service's (a recreate renames it afterwards). */
  name?: string;
  /** The name of the container this one replaces (Compose's `com.docker.compose.replace` label). */
  replaces?: string;
}

/** Docker's default log rotation for containers whose service does not set `logging`. */
export const DEFAULT_LOG_CONFIG = { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } };

export interface ContainerSpec {
  options: Docker.ContainerCreateOptions;
  /** Networks to connect after create (engines before API 1.44 take only one at create). */
  extraNetworks: { name: string; aliases: string[] }[];
}

const ns = (text: string | undefined): number | undefined => {
  const ms = parseDurationMs(text);
  return ms === undefined ? undefined : Math.round(ms * 1e6);
};

export function healthcheckConfig(health: Healthcheck | undefined): Docker.ContainerCreateOptions['Healthcheck'] | undefined {
  if (!health) return undefined;
  if (health.disable) return { Test: ['NONE'] };
  const out: Record<string, unknown> = {};
  if (health.test) out.Test = health.test;
  const interval = ns(health.interval);
  const timeout = ns(health.timeout);
  const startPeriod = ns(health.start_period);
  if (interval !== undefined) out.Interval = interval;
  if (timeout !== undefined) out.Timeout = timeout;
  if (startPeriod !== undefined) out.StartPeriod = startPeriod;
  if (health.retries !== undefined) out.Retries = health.retries;
  return out as Docker.ContainerCreateOptions['Healthcheck'];
}

/**
 * `KEY=value`, and a bare `KEY` for a variable listed without a value that is not set
 * anywhere: Docker then removes it from the image's environment, as Compose (ToMobyEnv) does.
 */
function environment(config: ServiceConfig): string[] {
  return Object.entries(config.environment ?? {}).map(([key, value]) => (value === null || value === undefined ? key : `${key}=${value}`));
}

function ports(config: ServiceConfig): { exposed: Record<string, object>; bindings: Record<string, { HostIp?: string; HostPort?: string }[]> } {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp?: string; HostPort?: string }[]> = {};
  for (const port of config.ports ?? []) {
    const key = `${port.target}/${port.protocol ?? 'tcp'}`;
    exposed[key] = {};
    const list = bindings[key] ?? (bindings[key] = []);
    list.push({ ...(port.host_ip ? { HostIp: port.host_ip } : {}), HostPort: port.published ?? '' });
  }
  for (const entry of config.expose ?? []) {
    const [port, protocol] = String(entry).split('/');
    exposed[`${port}/${protocol ?? 'tcp'}`] = {};
  }
  return { exposed, bindings };
}

function mounts(project: Project, config: ServiceConfig, inherited: InheritedVolume[], fileObjects: FileObjectMount[]): { binds: string[]; mounts: Docker.MountSettings[] } {
  const binds: string[] = [];
  const out: Docker.MountSettings[] = [];
  const inheritedAt = new Map(inherited.map((v) => [v.target, v.name]));
  const used = new Set<string>();
  for (const volume of config.volumes ?? []) {
    used.add(cleanPath(volume.target));
    if (volume.type === 'bind' && volume.source) {
      // The Binds form creates a missing host path, as Compose does by default.
      const options = [volume.read_only ? 'ro' : 'rw', volume.bind?.selinux, volume.bind?.propagation].filter(Boolean);
      binds.push(`${volume.source}:${volume.target}:${options.join(',')}`);
    } else if (volume.type === 'volume') {
      const source = volume.source
        ? (project.model.volumes?.[volume.source] ? volumeName(project, volume.source) : volume.source)
        : inheritedAt.get(cleanPath(volume.target));
      out.push({
        Type: 'volume',
        Target: volume.target,
        ...(source ? { Source: source } : {}),
        ...(volume.read_only ? { ReadOnly: true } : {}),
        ...(volume.volume?.nocopy ? { VolumeOptions: { NoCopy: true } } : {}),
      } as Docker.MountSettings);
    } else if (volume.type === 'tmpfs') {
      const size = volume.tmpfs?.size;
      out.push({
        Type: 'tmpfs',
        Target: volume.target,
        ...(size !== undefined || volume.tmpfs?.mode !== undefined
          ? { TmpfsOptions: { ...(size !== undefined ? { SizeBytes: Number(size) } : {}), ...(volume.tmpfs?.mode !== undefined ? { Mode: volume.tmpfs.mode } : {}) } }
          : {}),
      } as Docker.MountSettings);
    }
  }
  for (const entry of config.tmpfs ?? []) used.add(cleanPath(entry.split(':')[0] ?? entry));
  // Secrets and configs from files: read-only binds that must exist (the Mount API does not create them).
  for (const object of fileObjects) {
    if (!('file' in object.from)) continue;
    used.add(cleanPath(object.target));
    out.push({ Type: 'bind', Source: object.from.file, Target: object.target, ReadOnly: true });
  }
  // The image's VOLUMEs that the service does not mount anything at: the old anonymous volume.
  for (const volume of inherited) {
    if (!used.has(volume.target)) out.push({ Type: 'volume', Source: volume.name, Target: volume.target });
  }
  return { binds, mounts: out };
}

/**
 * The anonymous volumes a recreated container keeps, as Compose decides it
 * (pkg/compose/create.go, buildContainerMountOptions): a volume of the old container
 * mounted where the new image declares a VOLUME, or where the service asks for an
 * anonymous volume. Binds and tmpfs are never carried over.
 */
export function inheritedVolumes(config: ServiceConfig, old: readonly ContainerMount[], imageVolumes: readonly string[]): InheritedVolume[] {
  const anonymousTargets = new Set((config.volumes ?? []).filter((v) => v.type === 'volume' && !v.source).map((v) => cleanPath(v.target)));
  const declared = new Set(imageVolumes.map((p) => cleanPath(p)));
  const out: InheritedVolume[] = [];
  for (const mount of old) {
    if (mount.type !== 'volume' || !mount.name) continue;
    const target = cleanPath(mount.destination);
    if (declared.has(target) || anonymousTargets.has(target)) out.push({ name: mount.name, target });
  }
  return out;
}

function restartPolicy(restart: string | undefined): Docker.HostRestartPolicy | undefined {
  if (!restart) return undefined;
  const [name, count] = restart.split(':');
  if (name === 'on-failure') return { Name: 'on-failure', MaximumRetryCount: Number(count ?? 0) };
  return { Name: name ?? 'no' };
}

function extraHosts(hosts: ServiceConfig['extra_hosts']): string[] | undefined {
  if (!hosts) return undefined;
  const out: string[] = [];
  for (const [host, ips] of Object.entries(hosts)) for (const ip of Array.isArray(ips) ? ips : [ips]) out.push(`${host}:${ip}`);
  return out;
}

function networkMode(config: ServiceConfig, peers: PeerContainers): string | undefined {
  const mode = config.network_mode;
  if (mode === undefined) return undefined;
  if (mode.startsWith('service:')) return `container:${peers[mode.slice('service:'.length)] ?? mode.slice('service:'.length)}`;
  return mode;
}

function logConfig(config: ServiceConfig): Docker.HostConfig['LogConfig'] {
  if (!config.logging) return DEFAULT_LOG_CONFIG;
  const options = Object.fromEntries(Object.entries(config.logging.options ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { Type: config.logging.driver ?? 'json-file', Config: options };
}

/**
 * A service as dockerode create options: image, command, environment, ports on their
 * host_ip, mounts, healthcheck (in ns), init, network mode, networks with the service
 * name as alias, Compose's labels, log rotation by default, stop signal and timeout.
 */
export function containerSpec(project: Project, service: string, number: number, imageId: string, extra: SpecOptions = {}): ContainerSpec {
  const config = project.model.services[service] ?? {};
  const peers = extra.peers ?? {};
  const { exposed, bindings } = ports(config);
  const { binds, mounts: mountList } = mounts(project, config, extra.inherited ?? [], fileObjectMounts(project, service));
  const networkKeys = serviceNetworkKeys(config);
  const networks = networkKeys.map((key) => ({
    name: networkName(project, key),
    aliases: [service, ...(config.networks?.[key]?.aliases ?? [])],
    config: config.networks?.[key] ?? null,
  }));
  const first = networks[0];
  const mode = networkMode(config, peers) ?? first?.name;
  const stopTimeout = stopTimeoutSeconds(config, (t) => parseDurationMs(t));
  const healthcheck = healthcheckConfig(config.healthcheck);
  const restart = restartPolicy(config.restart);
  const hosts = extraHosts(config.extra_hosts);
  const runtime = runtimeOptions(project, service, config);
  const hostConfig: Docker.HostConfig = {
    ...runtime.host,
    LogConfig: logConfig(config),
    ...(mode ? { NetworkMode: mode } : {}),
    ...(Object.keys(bindings).length > 0 ? { PortBindings: bindings } : {}),
    ...(binds.length > 0 ? { Binds: binds } : {}),
    ...(mountList.length > 0 ? { Mounts: mountList } : {}),
    ...(config.init !== undefined ? { Init: config.init } : {}),
    ...(restart ? { RestartPolicy: restart } : {}),
    ...(hosts ? { ExtraHosts: hosts } : {}),
    ...(config.privileged ? { Privileged: true } : {}),
    ...(config.read_only ? { ReadonlyRootfs: true } : {}),
    ...(config.cap_add ? { CapAdd: config.cap_add } : {}),
    ...(config.cap_drop ? { CapDrop: config.cap_drop } : {}),
    ...(config.tmpfs ? { Tmpfs: Object.fromEntries(config.tmpfs.map((t) => { const [path, opts] = t.split(':'); return [path ?? t, opts ?? '']; })) } : {}),
    ...(config.volumes_from ? { VolumesFrom: config.volumes_from.map((v) => volumesFromEntry(v, peers)) } : {}),
  };
  const options: Docker.ContainerCreateOptions = {
    name: extra.name ?? containerName(project, service, number),
    Image: serviceImage(project, service),
    ...runtime.container,
    Labels: { ...containerLabels(project, service, number, imageId), ...(extra.replaces ? { [LABEL.replace]: extra.replaces } : {}) },
    Env: environment(config),
    ...(config.command ? { Cmd: config.command } : {}),
    ...(config.entrypoint ? { Entrypoint: config.entrypoint } : {}),
    ...(Object.keys(exposed).length > 0 ? { ExposedPorts: exposed } : {}),
    ...(healthcheck ? { Healthcheck: healthcheck } : {}),
    ...(config.stop_signal ? { StopSignal: config.stop_signal } : {}),
    ...(stopTimeout !== undefined ? { StopTimeout: stopTimeout } : {}),
    ...(config.tty ? { Tty: true } : {}),
    ...(config.stdin_open ? { OpenStdin: true } : {}),
    ...(config.user ? { User: config.user } : {}),
    ...(config.working_dir ? { WorkingDir: config.working_dir } : {}),
    ...(config.hostname ? { Hostname: config.hostname } : {}),
    HostConfig: hostConfig,
  };
  if (first && config.network_mode === undefined) {
    options.NetworkingConfig = { EndpointsConfig: { [first.name]: endpoint(first.aliases, first.config) } };
  }
  return { options, extraNetworks: networks.slice(1).map((n) => ({ name: n.name, aliases: n.aliases })) };
}

function endpoint(aliases: string[], config: { ipv4_address?: string; ipv6_address?: string } | null): Docker.EndpointSettings {
  const ipam = config?.ipv4_address || config?.ipv6_address
    ? { IPAMConfig: { ...(config.ipv4_address ? { IPv4Address: config.ipv4_address } : {}), ...(config.ipv6_address ? { IPv6Address: config.ipv6_address } : {}) } }
    : {};
  return { Aliases: aliases, ...ipam };
}

function volumesFromEntry(entry: string, peers: PeerContainers): string {
  if (entry.startsWith('container:')) return entry.slice('container:'.length);
  const [service, mode] = entry.split(':');
  const container = peers[service ?? ''] ?? service ?? entry;
  return mode ? `${container}:${mode}` : container;
}
