import { readFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { z } from 'zod';
import { SlipwayError } from '../../../shared/errors';
import type { Project, ServiceConfig } from '../../../shared/model/project';

/**
 * The service keys that set a container's resources and runtime (limits, devices, ulimits,
 * sysctls, DNS, namespaces, security options), mapped as Compose's getCreateConfigs and
 * getDeployResources do (pkg/compose/create.go). Read after the loader has put them in their
 * canonical forms (sizes as strings of bytes, CPUs as numbers, devices as {source, target}).
 */

/** A size the loader printed as a string of bytes ("67108864"), or a number. */
const Bytes = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);
/** blkio rates may still carry a unit ("1mb"): read as docker's RAMInBytes. */
const Rate = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(value.trim());
  if (!m) {
    ctx.addIssue({ code: 'custom', message: `invalid rate ${JSON.stringify(value)} (use bytes or a unit like "10mb")` });
    return z.NEVER;
  }
  const unit = (m[2] ?? '').toLowerCase();
  return Math.trunc(Number(m[1]) * 1024 ** ' kmgtp'.indexOf(unit || ' '));
});
const Int = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);
const DeviceRequest = z.object({
  driver: z.string().optional(),
  count: z.union([z.literal('all'), Int]).optional(),
  device_ids: z.array(z.string()).optional(),
  capabilities: z.array(z.string()).optional(),
  options: z.record(z.string(), z.string()).optional(),
});
const Throttle = z.array(z.object({ path: z.string(), rate: Rate }));
const Limits = z.object({ memory: Bytes.optional(), cpus: z.number().optional(), pids: Int.optional() });

const RuntimeKeys = z.object({
  mem_limit: Bytes.optional(),
  memswap_limit: Bytes.optional(),
  mem_reservation: Bytes.optional(),
  mem_swappiness: Int.optional(),
  oom_kill_disable: z.boolean().optional(),
  oom_score_adj: Int.optional(),
  cpu_count: Int.optional(),
  cpu_percent: z.number().optional(),
  cpu_period: Int.optional(),
  cpu_quota: Int.optional(),
  cpu_rt_period: Int.optional(),
  cpu_rt_runtime: Int.optional(),
  cpu_shares: Int.optional(),
  cpus: z.number().optional(),
  cpuset: z.string().optional(),
  cgroup_parent: z.string().optional(),
  cgroup: z.enum(['host', 'private']).optional(),
  pids_limit: Int.optional(),
  shm_size: Bytes.optional(),
  device_cgroup_rules: z.array(z.string()).optional(),
  devices: z.array(z.object({ source: z.string(), target: z.string().optional(), permissions: z.string().optional() })).optional(),
  gpus: z.array(DeviceRequest).optional(),
  blkio_config: z.object({
    weight: Int.optional(),
    weight_device: z.array(z.object({ path: z.string(), weight: Int })).optional(),
    device_read_bps: Throttle.optional(),
    device_read_iops: Throttle.optional(),
    device_write_bps: Throttle.optional(),
    device_write_iops: Throttle.optional(),
  }).optional(),
  ulimits: z.record(z.string(), z.union([Int, z.object({ soft: Int, hard: Int })])).optional(),
  sysctls: z.record(z.string(), z.string().nullable()).optional(),
  dns: z.array(z.string()).optional(),
  dns_search: z.array(z.string()).optional(),
  dns_opt: z.array(z.string()).optional(),
  security_opt: z.array(z.string()).optional(),
  storage_opt: z.record(z.string(), z.string()).optional(),
  group_add: z.array(z.string()).optional(),
  ipc: z.string().optional(),
  pid: z.string().nullable().optional(),
  uts: z.string().optional(),
  userns_mode: z.string().optional(),
  isolation: z.string().optional(),
  runtime: z.string().optional(),
  volume_driver: z.string().optional(),
  domainname: z.string().optional(),
  mac_address: z.string().optional(),
  deploy: z.object({
    resources: z.object({
      limits: Limits.optional(),
      reservations: Limits.extend({ devices: z.array(DeviceRequest).optional() }).optional(),
    }).optional(),
  }).passthrough().optional(),
});
type RuntimeKeys = z.infer<typeof RuntimeKeys>;

/** Keys whose value goes into HostConfig as it is: [HostConfig field, service key]. */
const COPIED = [
  ['ShmSize', 'shm_size'], ['IpcMode', 'ipc'], ['UTSMode', 'uts'], ['UsernsMode', 'userns_mode'],
  ['CgroupnsMode', 'cgroup'], ['Isolation', 'isolation'], ['Runtime', 'runtime'], ['VolumeDriver', 'volume_driver'],
  ['GroupAdd', 'group_add'], ['Dns', 'dns'], ['DnsSearch', 'dns_search'], ['DnsOptions', 'dns_opt'],
  ['StorageOpt', 'storage_opt'], ['OomScoreAdj', 'oom_score_adj'],
] as const;
/** The same for the resources (getDeployResources); `deploy.resources` may override some below. */
const COPIED_RESOURCES = [
  ['CgroupParent', 'cgroup_parent'], ['Memory', 'mem_limit'], ['MemorySwap', 'memswap_limit'],
  ['MemoryReservation', 'mem_reservation'], ['OomKillDisable', 'oom_kill_disable'], ['CpuCount', 'cpu_count'],
  ['CpuPeriod', 'cpu_period'], ['CpuQuota', 'cpu_quota'], ['CpuRealtimePeriod', 'cpu_rt_period'],
  ['CpuRealtimeRuntime', 'cpu_rt_runtime'], ['CpuShares', 'cpu_shares'], ['CpusetCpus', 'cpuset'],
  ['DeviceCgroupRules', 'device_cgroup_rules'],
] as const;
const THROTTLES = [
  ['BlkioDeviceReadBps', 'device_read_bps'], ['BlkioDeviceReadIOps', 'device_read_iops'],
  ['BlkioDeviceWriteBps', 'device_write_bps'], ['BlkioDeviceWriteIOps', 'device_write_iops'],
] as const;

/** The fields of `table` whose service key is set, as HostConfig fields (CgroupnsMode is not in dockerode's types: the engine reads it, API 1.41+). */
function copied(s: RuntimeKeys, table: readonly (readonly [string, keyof RuntimeKeys])[]): Docker.HostConfig {
  const out: Record<string, unknown> = {};
  for (const [field, key] of table) if (s[key] !== undefined) out[field] = s[key];
  return out;
}

/** What the keys set in the create request: HostConfig fields, and the two of Config. */
export interface RuntimeOptions {
  host: Docker.HostConfig;
  container: { Domainname?: string; MacAddress?: string };
}

/** The container's resources and runtime settings from the service's keys; a bad value names its service and key. */
export function runtimeOptions(project: Project, service: string, config: ServiceConfig): RuntimeOptions {
  const parsed = RuntimeKeys.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue ? issue.path.join('.') : '';
    throw new SlipwayError('compose_invalid', `services.${service}.${key}: ${issue?.message ?? 'invalid value'}`, 'Fix that value in the compose file.');
  }
  const s = parsed.data;
  const host: Docker.HostConfig = { ...resources(s), ...copied(s, COPIED) };
  if (s.sysctls) host.Sysctls = Object.fromEntries(Object.entries(s.sysctls).map(([k, v]) => [k, v ?? '']));
  if (s.pid) host.PidMode = s.pid;
  if (s.security_opt) {
    const security = securityOptions(project, service, s.security_opt);
    host.SecurityOpt = security.options;
    if (security.unconfined) {
      host.MaskedPaths = [];
      host.ReadonlyPaths = [];
    }
  }
  const container: RuntimeOptions['container'] = {};
  if (s.domainname !== undefined) container.Domainname = s.domainname;
  if (s.mac_address !== undefined) container.MacAddress = s.mac_address;
  return { host, container };
}

function resources(s: RuntimeKeys): Docker.HostConfig {
  const r: Docker.HostConfig = copied(s, COPIED_RESOURCES);
  if (s.mem_swappiness !== undefined && s.mem_swappiness !== 0) r.MemorySwappiness = s.mem_swappiness;
  if (s.cpus !== undefined) r.NanoCpus = Math.round(s.cpus * 1e9);
  if (s.cpu_percent !== undefined) r.CpuPercent = Math.round(s.cpu_percent * 100);
  if (s.pids_limit !== undefined && s.pids_limit !== 0) r.PidsLimit = s.pids_limit;
  const blkio = s.blkio_config;
  if (blkio) {
    if (blkio.weight !== undefined) r.BlkioWeight = blkio.weight;
    if (blkio.weight_device) r.BlkioWeightDevice = blkio.weight_device.map((d) => ({ Path: d.path, Weight: d.weight }));
    for (const [field, key] of THROTTLES) {
      const list = blkio[key];
      if (list) Object.assign(r, { [field]: list.map((d) => ({ Path: d.path, Rate: d.rate })) });
    }
  }
  const requests: Docker.DeviceRequest[] = [];
  const limits = s.deploy?.resources?.limits;
  if (limits?.memory) r.Memory = limits.memory;
  if (limits?.cpus) r.NanoCpus = Math.round(limits.cpus * 1e9);
  if (limits?.pids !== undefined && limits.pids > 0) r.PidsLimit = limits.pids;
  const reservations = s.deploy?.resources?.reservations;
  if (reservations?.memory) r.MemoryReservation = reservations.memory;
  for (const device of reservations?.devices ?? []) requests.push(deviceRequest(device, device.capabilities ?? []));
  const cdi: string[] = [];
  const mappings: Docker.DeviceMapping[] = [];
  for (const device of s.devices ?? []) {
    const target = device.target ?? device.source;
    // A CDI device (vendor.com/class=name) is asked for by name, not mapped.
    if (target === device.source && /^[a-z0-9.-]+\/[a-z0-9._-]+=[a-zA-Z0-9._:-]+$/.test(device.source)) cdi.push(device.source);
    else mappings.push({ PathOnHost: device.source, PathInContainer: target, CgroupPermissions: device.permissions ?? 'rwm' });
  }
  if (mappings.length > 0) r.Devices = mappings;
  if (cdi.length > 0) requests.push({ Driver: 'cdi', DeviceIDs: cdi });
  for (const gpu of s.gpus ?? []) requests.push(deviceRequest(gpu, [...(gpu.capabilities ?? []), 'gpu']));
  if (requests.length > 0) r.DeviceRequests = requests;
  if (s.ulimits) {
    r.Ulimits = Object.entries(s.ulimits).map(([name, limit]) =>
      typeof limit === 'number' ? { Name: name, Soft: limit, Hard: limit } : { Name: name, Soft: limit.soft, Hard: limit.hard });
  }
  return r;
}

function deviceRequest(device: z.infer<typeof DeviceRequest>, capabilities: string[]): Docker.DeviceRequest {
  return {
    ...(device.driver ? { Driver: device.driver } : {}),
    Count: device.count === 'all' ? -1 : device.count ?? 0,
    ...(device.device_ids ? { DeviceIDs: device.device_ids } : {}),
    Capabilities: [capabilities],
    ...(device.options ? { Options: device.options } : {}),
  };
}

/**
 * `security_opt` as Compose's parseSecurityOpts: `systempaths=unconfined` unmasks /proc and
 * /sys paths, `seccomp=FILE` sends the profile's JSON (a path relative to the project folder).
 */
function securityOptions(project: Project, service: string, list: string[]): { options: string[]; unconfined: boolean } {
  const options: string[] = [];
  let unconfined = false;
  for (const option of list) {
    if (option === 'systempaths=unconfined') {
      unconfined = true;
      continue;
    }
    const eq = option.indexOf('=');
    const colon = option.indexOf(':');
    if (eq < 0 && option !== 'no-new-privileges' && colon < 0) {
      throw new SlipwayError('compose_invalid', `services.${service}.security_opt: invalid security-opt ${JSON.stringify(option)}`, 'Write it as KEY=VALUE, e.g. "no-new-privileges=true" or "seccomp=profile.json".');
    }
    const at = eq >= 0 ? eq : colon;
    const key = at >= 0 ? option.slice(0, at) : option;
    const value = at >= 0 ? option.slice(at + 1) : '';
    if (key === 'seccomp' && value !== 'unconfined' && value !== 'builtin') {
      options.push(`seccomp=${seccompProfile(project, service, value)}`);
    } else {
      options.push(option);
    }
  }
  return { options, unconfined };
}

function seccompProfile(project: Project, service: string, file: string): string {
  const full = path.resolve(project.workingDir, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (error) {
    throw new SlipwayError('compose_invalid', `services.${service}.security_opt: cannot read the seccomp profile ${full}: ${error instanceof Error ? error.message : String(error)}`, 'Point seccomp= at a JSON profile, relative to the project folder.');
  }
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    throw new SlipwayError('compose_invalid', `services.${service}.security_opt: the seccomp profile ${full} is not valid JSON`, 'Fix the profile (a JSON object, as docker run --security-opt seccomp= takes).');
  }
}
