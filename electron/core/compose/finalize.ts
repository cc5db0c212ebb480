import { existsSync, readFileSync } from 'node:fs';
import { SlipwayError } from '../../../shared/errors';
import { EnvFileError, parseEnvText } from './env-file';
import type { Lookup } from './template';
import type { Dict } from './types';
import { isDict } from './types';

/** Service-level booleans Compose omits when false. */
const OMIT_FALSE = ['privileged', 'read_only', 'tty', 'stdin_open', 'oom_kill_disable'];

/** Where a service was written (for messages) and how to show a file path. */
export interface ServiceOrigin {
  where: (path: (string | number)[]) => string;
  display: (file: string) => string;
}

function readEnvFile(entry: Dict, lookup: Lookup, service: string, origin: ServiceOrigin | undefined): Record<string, string> {
  const file = String(entry.path);
  const shown = origin ? origin.display(file) : file;
  if (!existsSync(file)) {
    if (entry.required === false || entry.required === 'false') return {};
    const at = origin ? `${origin.where(['services', service, 'env_file'])}: ` : '';
    throw new SlipwayError('compose_env_file', `${at}services.${service}.env_file: env file ${shown} not found`, 'Create the file, fix the path, or mark it `required: false`.');
  }
  try {
    return parseEnvText(readFileSync(file, 'utf8'), lookup);
  } catch (error) {
    if (error instanceof EnvFileError) throw new SlipwayError('compose_env_file', `${shown}:${error.line}: ${error.message}`, 'Fix the line in that env file.');
    throw error;
  }
}

/** `env_file` then `environment` (which wins); bare names take their value from the project environment. */
function resolveEnvironment(service: Dict, lookup: Lookup, name: string, origin?: ServiceOrigin): Record<string, string | null> | undefined {
  const files = Array.isArray(service.env_file) ? service.env_file.filter(isDict) : [];
  const env = isDict(service.environment) ? service.environment : undefined;
  if (files.length === 0 && env === undefined) return undefined;
  const out: Record<string, string | null> = {};
  for (const entry of files) Object.assign(out, readEnvFile(entry, lookup, name, origin));
  for (const [key, value] of Object.entries(env ?? {})) {
    if (value === null) {
      const found = lookup(key);
      out[key] = found ?? (key in out ? (out[key] ?? null) : null);
    } else if (value !== undefined) out[key] = String(value);
  }
  return out;
}

/** Build args without a value take it from the project environment when it is set. */
function resolveArgs(args: unknown, lookup: Lookup): unknown {
  if (!isDict(args)) return args;
  const out: Dict = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === null) {
      const found = lookup(key);
      if (found !== undefined) out[key] = found;
      else out[key] = null;
    } else out[key] = value;
  }
  return out;
}

/** The last per-service touches after merging: defaults Compose fills in and env resolution. */
export function finalizeService(service: Dict, name: string, lookup: Lookup, origin?: ServiceOrigin): Dict {
  const s: Dict = { ...service };
  delete s.extends;
  const env = resolveEnvironment(s, lookup, name, origin);
  delete s.env_file;
  if (env !== undefined) s.environment = env;
  if (isDict(s.build)) {
    const b: Dict = { ...s.build };
    if (b.dockerfile === undefined && b.dockerfile_inline === undefined) b.dockerfile = 'Dockerfile';
    if (b.args !== undefined) b.args = resolveArgs(b.args, lookup);
    s.build = b;
  }
  if (s.network_mode === undefined && (s.networks === undefined || (isDict(s.networks) && Object.keys(s.networks).length === 0))) {
    s.networks = { default: null };
  }
  if (!('command' in s)) s.command = null;
  if (!('entrypoint' in s)) s.entrypoint = null;
  for (const key of OMIT_FALSE) if (s[key] === false) delete s[key];
  addImplicitDependencies(s);
  if (isDict(s.depends_on)) {
    const deps: Dict = {};
    for (const [dep, value] of Object.entries(s.depends_on)) {
      if (!isDict(value)) continue;
      const d: Dict = { ...value };
      if (d.restart === false) delete d.restart;
      deps[dep] = d;
    }
    s.depends_on = deps;
  }
  return s;
}

/**
 * links, `service:X` namespaces (network_mode, ipc, pid, uts, cgroup) and volumes_from
 * make depends_on entries when none is written, as Compose does.
 */
function addImplicitDependencies(s: Dict): void {
  const deps: Dict = isDict(s.depends_on) ? { ...s.depends_on } : {};
  const add = (name: string, restart: boolean) => {
    if (name === '' || name in deps) return;
    deps[name] = restart ? { condition: 'service_started', required: true, restart: true } : { condition: 'service_started', required: true };
  };
  for (const link of Array.isArray(s.links) ? s.links : []) add(String(link).split(':')[0] ?? '', true);
  for (const key of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
    const value = s[key];
    if (typeof value === 'string' && value.startsWith('service:')) add(value.slice('service:'.length), true);
  }
  for (const from of Array.isArray(s.volumes_from) ? s.volumes_from : []) {
    const text = String(from);
    if (!text.startsWith('container:')) add(text.split(':')[0] ?? '', false);
  }
  if (Object.keys(deps).length > 0) s.depends_on = deps;
}

/** Drops networks, volumes, secrets and configs no active service uses (Compose's default for `config`). */
export function pruneUnusedResources(model: Dict): void {
  const used = { networks: new Set<string>(), volumes: new Set<string>(), secrets: new Set<string>(), configs: new Set<string>() };
  for (const service of Object.values(isDict(model.services) ? model.services : {})) {
    if (!isDict(service)) continue;
    for (const net of Object.keys(isDict(service.networks) ? service.networks : {})) used.networks.add(net);
    for (const v of Array.isArray(service.volumes) ? service.volumes : []) {
      if (isDict(v) && v.type === 'volume' && typeof v.source === 'string' && v.source !== '') used.volumes.add(v.source);
    }
    const mounts = [...(Array.isArray(service.secrets) ? service.secrets : []), ...(isDict(service.build) && Array.isArray(service.build.secrets) ? service.build.secrets : [])];
    for (const m of mounts) if (isDict(m) && typeof m.source === 'string') used.secrets.add(m.source);
    for (const m of Array.isArray(service.configs) ? service.configs : []) if (isDict(m) && typeof m.source === 'string') used.configs.add(m.source);
  }
  for (const kind of ['networks', 'volumes', 'secrets', 'configs'] as const) {
    const items = model[kind];
    if (!isDict(items)) continue;
    const kept: Dict = {};
    for (const [key, value] of Object.entries(items)) if (used[kind].has(key)) kept[key] = value;
    if (Object.keys(kept).length > 0) model[kind] = kept;
    else delete model[kind];
  }
}

function usesDefaultNetwork(services: Dict): boolean {
  for (const service of Object.values(services)) {
    if (!isDict(service)) continue;
    if (isDict(service.networks) && 'default' in service.networks) return true;
  }
  return false;
}

/** Top-level networks, volumes, secrets, configs: names Compose gives them, the implicit default network. */
export function finalizeTopLevel(model: Dict, project: string): void {
  const services = isDict(model.services) ? model.services : {};
  const networks: Dict = isDict(model.networks) ? { ...model.networks } : {};
  if (usesDefaultNetwork(services) && !('default' in networks)) networks.default = {};
  for (const [key, value] of Object.entries(networks)) {
    const n: Dict = { ...(isDict(value) ? value : {}) };
    if (n.name === undefined) n.name = n.external === true ? key : `${project}_${key}`;
    if (n.ipam === undefined) n.ipam = {};
    networks[key] = n;
  }
  if (Object.keys(networks).length > 0) model.networks = networks;
  else delete model.networks;
  for (const kind of ['volumes', 'secrets', 'configs'] as const) {
    const current = model[kind];
    if (!isDict(current)) {
      delete model[kind];
      continue;
    }
    const items: Dict = { ...current };
    for (const [key, value] of Object.entries(items)) {
      const v: Dict = { ...(isDict(value) ? value : {}) };
      if (v.name === undefined) v.name = v.external === true ? key : `${project}_${key}`;
      items[key] = v;
    }
    model[kind] = items;
  }
}

/** Keys sorted like Go prints maps and (nearly) like compose-go orders struct fields. */
export function sortKeys(value: unknown, path: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => sortKeys(item, path));
  if (!isDict(value)) return value;
  // Ports keep their field order (mode, host_ip, target, published, protocol).
  const keys = Object.keys(value);
  const ordered = path[path.length - 1] === 'ports' ? keys : [...keys].sort();
  const out: Dict = {};
  for (const key of ordered) out[key] = sortKeys(value[key], [...path, key]);
  return out;
}
