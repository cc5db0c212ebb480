import type Docker from 'dockerode';
import type { Project } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import { LABEL, projectFilter } from '../state/compose-labels';
import { networkLabels, volumeLabels } from './labels';
import { networkName, serviceNetworkKeys, volumeName } from './names';
import { statusCode } from '../thrown';
import { z } from 'zod';

export type ResourceReporter = (kind: 'Network' | 'Volume', name: string, status: string) => void;

/** Network keys the given services join (in the order first seen). */
export function usedNetworkKeys(project: Project, services: string[]): string[] {
  const keys = new Set<string>();
  for (const name of services) {
    const config = project.model.services[name];
    if (config) for (const key of serviceNetworkKeys(config)) keys.add(key);
  }
  return [...keys];
}

/** Named-volume keys the given services mount. */
export function usedVolumeKeys(project: Project, services: string[]): string[] {
  const keys = new Set<string>();
  for (const name of services) {
    for (const mount of project.model.services[name]?.volumes ?? []) {
      if (mount.type === 'volume' && mount.source && project.model.volumes?.[mount.source]) keys.add(mount.source);
    }
  }
  return [...keys];
}

function isNotFound(error: unknown): boolean {
  return statusCode(error) === 404;
}

/** Creates the project networks the services need (or reuses them, whoever made them). */
export async function ensureNetworks(docker: Docker, project: Project, keys: string[], report: ResourceReporter): Promise<void> {
  const exists = (name: string) => docker.getNetwork(name).inspect().then(() => true, (error: unknown) => {
    if (isNotFound(error)) return false;
    throw error;
  });
  // External networks first: a missing one stops up before anything of the project is made.
  const external = keys.filter((key) => project.model.networks?.[key]?.external);
  await Promise.all(external.map(async (key) => {
    const name = networkName(project, key);
    if (!(await exists(name))) {
      throw new SlipwayError('network_not_found', `Network ${name} is declared as external, but it does not exist`, `Create it with \`docker network create ${name}\`, or remove \`external: true\`.`);
    }
  }));
  await Promise.all(keys.filter((key) => !external.includes(key)).map(async (key) => {
    const config = project.model.networks?.[key] ?? {};
    const name = networkName(project, key);
    if (await exists(name)) return;
    report('Network', name, 'Creating');
    try {
      await docker.createNetwork({
        Name: name,
        CheckDuplicate: true,
        Driver: config.driver ?? 'bridge',
        Labels: networkLabels(project, key, config.labels ?? {}),
        ...(config.driver_opts ? { Options: config.driver_opts } : {}),
        ...(config.internal ? { Internal: true } : {}),
        ...(config.attachable ? { Attachable: true } : {}),
        ...(config.enable_ipv6 ? { EnableIPv6: true } : {}),
        ...(config.ipam ? { IPAM: toIpam(config.ipam) } : {}),
      });
    } catch (error) {
      // Another up of the same project may have created it a moment ago.
      if (statusCode(error) !== 409) throw error;
    }
    report('Network', name, 'Created');
  }));
}

const optionalText = z.string().optional().catch(undefined);

/** `ipam.config` entries as the compose file writes them (a field of the wrong type reads as absent). */
const IpamConfigs = z.array(z.object({ subnet: optionalText, ip_range: optionalText, gateway: optionalText }).catch({})).catch([]);

/** The part of a network's inspect answer read here (dockerode leaves it untyped). */
const NetworkInfo = z.object({ Labels: z.record(z.string(), z.string()).nullish().catch(undefined) });

function toIpam(ipam: Record<string, unknown>): Docker.NetworkCreateOptions['IPAM'] {
  const configs = IpamConfigs.parse(ipam.config ?? []);
  return {
    Driver: typeof ipam.driver === 'string' ? ipam.driver : 'default',
    Config: configs.map((c) => ({
      ...(c.subnet ? { Subnet: c.subnet } : {}),
      ...(c.ip_range ? { IPRange: c.ip_range } : {}),
      ...(c.gateway ? { Gateway: c.gateway } : {}),
    })),
  };
}

/** Creates the named volumes the services mount (reusing existing ones). */
export async function ensureVolumes(docker: Docker, project: Project, keys: string[], report: ResourceReporter): Promise<void> {
  await Promise.all(keys.map(async (key) => {
    const config = project.model.volumes?.[key] ?? {};
    const name = volumeName(project, key);
    const exists = await docker.getVolume(name).inspect().then(() => true, (error: unknown) => {
      if (isNotFound(error)) return false;
      throw error;
    });
    if (exists) return;
    if (config.external) {
      throw new SlipwayError('volume_not_found', `Volume ${name} is declared as external, but it does not exist`, `Create it with \`docker volume create ${name}\`, or remove \`external: true\`.`);
    }
    report('Volume', name, 'Creating');
    await docker.createVolume({
      Name: name,
      Driver: config.driver ?? 'local',
      DriverOpts: config.driver_opts ?? {},
      Labels: volumeLabels(project, key, config.labels ?? {}),
    });
    report('Volume', name, 'Created');
  }));
}

/** Removes the project's networks: those labelled with the project and the non-external ones the file names. */
export async function removeNetworks(docker: Docker, project: Project, report: ResourceReporter): Promise<void> {
  const names = new Set<string>();
  const labelled = await docker.listNetworks({ filters: projectFilter(project.name) });
  for (const n of labelled) names.add(n.Name);
  for (const [key, config] of Object.entries(project.model.networks ?? {})) {
    if (!config.external) names.add(networkName(project, key));
  }
  names.add(networkName(project, 'default'));
  await Promise.all([...names].map(async (name) => {
    const answer: unknown = await docker.getNetwork(name).inspect().catch(() => undefined);
    const parsed = NetworkInfo.safeParse(answer);
    if (!parsed.success) return;
    const info = parsed.data;
    // A network of the same name that belongs to another project is left alone.
    const owner = info.Labels?.[LABEL.project];
    if (owner !== undefined && owner !== project.name) return;
    report('Network', name, 'Removing');
    await docker.getNetwork(name).remove().catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
    report('Network', name, 'Removed');
  }));
}

/** Removes the project's named volumes (`down -v`). External volumes stay. */
export async function removeVolumes(docker: Docker, project: Project, report: ResourceReporter): Promise<void> {
  const names = new Set<string>();
  const labelled = await docker.listVolumes({ filters: projectFilter(project.name) });
  for (const v of labelled.Volumes ?? []) names.add(v.Name);
  for (const [key, config] of Object.entries(project.model.volumes ?? {})) {
    if (!config.external) names.add(volumeName(project, key));
  }
  await Promise.all([...names].map(async (name) => {
    const exists = await docker.getVolume(name).inspect().then(() => true, () => false);
    if (!exists) return;
    report('Volume', name, 'Removing');
    await docker.getVolume(name).remove().catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
    report('Volume', name, 'Removed');
  }));
}
