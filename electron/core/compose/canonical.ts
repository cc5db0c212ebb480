import path from 'node:path';
import { errorMessage, SlipwayError } from '../../../shared/errors';
import { normalizeDuration } from '../../../shared/duration';
import { normalizePorts, PortSyntaxError } from './ports';
import { shellSplit } from './shell-split';
import { bytesText } from './units';
import type { Dict } from './types';
import { formatKeyPath, isDict } from './types';
import { absoluteHostPath, normalizeVolumes, VolumeSyntaxError } from './volumes';
import type { ComposeSource } from './yaml-source';

/** A mistake in one field of a service, with its path below the service. */
class FieldError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

function bytes(value: unknown, path: (string | number)[]): string {
  const out = bytesText(value);
  if (out === undefined) throw new FieldError(path, `invalid size ${JSON.stringify(value)} (use bytes or a unit like "512m", "2g")`);
  return out;
}

function numberValue(value: unknown): unknown {
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
}

/** Sizes and CPU counts in their printed forms (bytes as strings, CPUs as numbers). */
function resources(s: Dict): void {
  for (const key of ['mem_limit', 'mem_reservation', 'memswap_limit', 'mem_swappiness', 'shm_size']) {
    if (s[key] !== undefined && s[key] !== null) s[key] = bytes(s[key], [key]);
  }
  if (s.cpus !== undefined) s.cpus = numberValue(s.cpus);
  if (isDict(s.build) && s.build.shm_size !== undefined) s.build = { ...s.build, shm_size: bytes(s.build.shm_size, ['build', 'shm_size']) };
  if (isDict(s.deploy) && isDict(s.deploy.resources)) {
    const res: Dict = { ...s.deploy.resources };
    for (const kind of ['limits', 'reservations']) {
      const r = res[kind];
      if (!isDict(r)) continue;
      const next: Dict = { ...r };
      if (next.memory !== undefined) next.memory = bytes(next.memory, ['deploy', 'resources', kind, 'memory']);
      if (next.cpus !== undefined) next.cpus = numberValue(next.cpus);
      if (Array.isArray(next.devices)) next.devices = deviceRequests(next.devices);
      res[kind] = next;
    }
    s.deploy = { ...s.deploy, resources: res };
  }
  if (Array.isArray(s.volumes)) {
    s.volumes = s.volumes.map((v, i) => (isDict(v) && isDict(v.tmpfs) && v.tmpfs.size !== undefined ? { ...v, tmpfs: { ...v.tmpfs, size: bytes(v.tmpfs.size, ['volumes', i, 'tmpfs', 'size']) } } : v));
  }
}

function duration(value: unknown, path: (string | number)[]): string {
  const out = normalizeDuration(value);
  if (out === undefined) throw new FieldError(path, `invalid duration ${JSON.stringify(value)} (use Go durations like "30s", "1m30s", "500ms")`);
  return out;
}

/** A scalar as Compose prints it in string maps (environment, labels, args). */
function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return String(value);
}

/** `["A=1", "B"]` or `{A: 1, B: null}` → `{A: "1", B: null}`. */
function listOrDictToMap(value: unknown, sep = '=', nullWithoutSep = true): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = String(item);
      const at = text.indexOf(sep);
      if (at < 0) out[text] = nullWithoutSep ? null : '';
      else out[text.slice(0, at)] = text.slice(at + sep.length);
    }
  } else if (isDict(value)) {
    for (const [key, item] of Object.entries(value)) out[key] = scalarText(item);
  }
  return out;
}

function stringMap(value: unknown): Record<string, string> {
  const map = listOrDictToMap(value, '=', false);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(map)) out[key] = item ?? '';
  return out;
}

function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.startsWith('github.com/');
}

function commandForm(value: unknown, key: string): string[] | null {
  if (value === null) return null;
  if (typeof value === 'string') {
    try {
      return shellSplit(value);
    } catch (error) {
      throw new FieldError([key], errorMessage(error));
    }
  }
  if (Array.isArray(value)) return value.map((item) => String(item));
  return null;
}

/** extra_hosts as a map host → IPs (the config printer renders Compose's sorted "host=ip" list). */
export function extraHosts(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (host: string, ip: string) => {
    if (host === '' || /[:=]/.test(host)) throw new Error(`bad host name '${host}' in extra_hosts`);
    const clean = ip.length > 2 && ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
    (out[host] ??= []).push(clean);
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = String(item);
      const eq = text.indexOf('=');
      const at = eq >= 0 ? eq : text.indexOf(':');
      if (at < 0) throw new Error(`invalid additional host, missing IP: ${text}`);
      for (const ip of text.slice(at + 1).split(',')) add(text.slice(0, at), ip);
    }
  } else if (isDict(value)) {
    for (const [host, ips] of Object.entries(value)) {
      for (const ip of Array.isArray(ips) ? ips : [ips ?? '']) add(host, String(ip));
    }
  }
  return out;
}

function build(value: unknown, base: string): Dict {
  const spec: Dict = typeof value === 'string' ? { context: value } : { ...(isDict(value) ? value : {}) };
  const context = typeof spec.context === 'string' ? spec.context : '.';
  spec.context = isRemoteContext(context) ? context : absoluteHostPath(context, base);
  if (spec.args !== undefined) spec.args = listOrDictToMap(spec.args);
  if (spec.labels !== undefined) spec.labels = stringMap(spec.labels);
  if (spec.extra_hosts !== undefined) spec.extra_hosts = extraHosts(spec.extra_hosts);
  if (Array.isArray(spec.secrets)) spec.secrets = fileMounts(spec.secrets, ['build', 'secrets']);
  if (isDict(spec.additional_contexts)) {
    const contexts: Dict = {};
    for (const [name, ctx] of Object.entries(spec.additional_contexts)) {
      const text = String(ctx);
      contexts[name] = isRemoteContext(text) || text.includes(':') && !text.startsWith('.') && !text.startsWith('/') ? text : absoluteHostPath(text, base);
    }
    spec.additional_contexts = contexts;
  } else if (Array.isArray(spec.additional_contexts)) {
    spec.additional_contexts = listOrDictToMap(spec.additional_contexts);
  }
  for (const key of ['cache_from', 'cache_to', 'tags', 'platforms'] as const) {
    if (typeof spec[key] === 'string') spec[key] = [spec[key]];
  }
  return spec;
}

function healthcheck(value: unknown): Dict {
  const hc: Dict = { ...(isDict(value) ? value : {}) };
  if (typeof hc.test === 'string') hc.test = ['CMD-SHELL', hc.test];
  for (const key of ['interval', 'timeout', 'start_period', 'start_interval']) {
    if (hc[key] !== undefined) hc[key] = duration(hc[key], ['healthcheck', key]);
  }
  return hc;
}

function dependsOn(value: unknown): Dict {
  const out: Dict = {};
  if (Array.isArray(value)) {
    for (const name of value) out[String(name)] = { condition: 'service_started', required: true };
  } else if (isDict(value)) {
    for (const [name, dep] of Object.entries(value)) {
      const d: Dict = { ...(isDict(dep) ? dep : {}) };
      if (d.condition === undefined) d.condition = 'service_started';
      if (d.required === undefined) d.required = true;
      out[name] = d;
    }
  }
  return out;
}

function envFiles(value: unknown, base: string): Dict[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((item) => {
    if (typeof item === 'string') return { path: path.resolve(base, item), required: true };
    const entry: Dict = { ...(isDict(item) ? item : {}) };
    entry.path = path.resolve(base, String(entry.path ?? ''));
    if (entry.required === undefined) entry.required = true;
    return entry;
  });
}

/** `devices: ["/dev/a:/dev/b:rw"]` → `{source, target, permissions}` (permissions default rwm). */
function devices(list: unknown[]): unknown[] {
  return list.map((item, i) => {
    if (typeof item !== 'string') return item;
    const parts = item.split(':');
    if (parts.length > 3) throw new FieldError(['devices', i], `confusing device mapping ${JSON.stringify(item)}, please use the long syntax`);
    const source = parts[0] ?? '';
    const target = parts[1] || source;
    return { source, target, permissions: parts[2] ?? 'rwm' };
  });
}

/** Device requests (deploy reservations, gpus) ask for every device when they name neither count nor ids. */
function deviceRequests(list: unknown[]): unknown[] {
  return list.map((item) => (isDict(item) && item.count === undefined && item.device_ids === undefined ? { ...item, count: 'all' } : item));
}

/** A lifecycle hook (post_start, pre_stop, watch exec): command as a list, environment as a map. */
function serviceHook(hook: unknown, key: string): unknown {
  if (!isDict(hook)) return hook;
  const out: Dict = { ...hook };
  if ('command' in out) out.command = commandForm(out.command, key);
  if (out.environment !== undefined) out.environment = listOrDictToMap(out.environment);
  return out;
}

/** develop.watch rules: absolute paths, ignore/include as lists, exec as a hook. */
function watchRule(rule: unknown, base: string): unknown {
  if (!isDict(rule)) return rule;
  const out: Dict = { ...rule };
  if (typeof out.path === 'string') out.path = absoluteHostPath(out.path, base);
  for (const key of ['ignore', 'include']) if (typeof out[key] === 'string') out[key] = [out[key]];
  if (out.exec !== undefined) out.exec = serviceHook(out.exec, 'develop');
  return out;
}

/** Durations under deploy (restart_policy, update_config, rollback_config) as Go prints them. */
function deployDurations(deploy: Dict): Dict {
  const out: Dict = { ...deploy };
  const fix = (section: string, keys: string[]) => {
    const value = out[section];
    if (!isDict(value)) return;
    const next: Dict = { ...value };
    for (const key of keys) if (next[key] !== undefined) next[key] = duration(next[key], ['deploy', section, key]);
    out[section] = next;
  };
  fix('restart_policy', ['delay', 'window']);
  fix('update_config', ['delay', 'monitor']);
  fix('rollback_config', ['delay', 'monitor']);
  return out;
}

/**
 * Service-level secrets/configs: a bare name is `{source: name}`; `mode` is a number, read
 * as compose-go's FileMode does: a YAML number as it is (`0440` is already octal 288 there),
 * a string as octal digits (`"0440"` and `"440"` are 288).
 */
function fileMounts(list: unknown[], path: (string | number)[]): unknown[] {
  return list.map((item, i) => {
    if (typeof item === 'string') return { source: item };
    if (!isDict(item) || typeof item.mode !== 'string') return item;
    const text = item.mode.trim();
    if (!/^[0-7]+$/.test(text)) throw new FieldError([...path, i, 'mode'], `invalid file mode ${JSON.stringify(item.mode)}: write it as octal digits, e.g. 0440`);
    return { ...item, mode: parseInt(text, 8) };
  });
}

function networks(value: unknown): Dict {
  if (Array.isArray(value)) {
    const out: Dict = {};
    for (const name of value) out[String(name)] = null;
    return out;
  }
  return isDict(value) ? { ...value } : {};
}

/**
 * One service's short syntaxes turned into the long forms `docker compose config` prints,
 * relative paths made absolute against `base` (the folder of the file it was written in,
 * or the project folder for the main files).
 */
export function canonicalService(service: Dict, base: string, source: ComposeSource, name: string): Dict {
  const s: Dict = { ...service };
  try {
    if (s.build !== undefined && s.build !== null) s.build = build(s.build, base);
    if ('command' in s) s.command = commandForm(s.command, 'command');
    if ('entrypoint' in s) s.entrypoint = commandForm(s.entrypoint, 'entrypoint');
    if (s.depends_on !== undefined) s.depends_on = dependsOn(s.depends_on);
    if (s.environment !== undefined) s.environment = listOrDictToMap(s.environment);
    if (s.env_file !== undefined) s.env_file = envFiles(s.env_file, base);
    for (const key of ['labels', 'annotations', 'sysctls']) if (s[key] !== undefined) s[key] = stringMap(s[key]);
    if (s.ports !== undefined) s.ports = normalizePorts(s.ports);
    if (Array.isArray(s.expose)) s.expose = s.expose.map((e) => String(e));
    if (s.volumes !== undefined) s.volumes = normalizeVolumes(s.volumes, base);
    if (s.networks !== undefined) s.networks = networks(s.networks);
    for (const key of ['secrets', 'configs']) {
      const mounts = s[key];
      if (Array.isArray(mounts)) s[key] = fileMounts(mounts, [key]);
    }
    if (s.pull_policy === 'if_not_present') s.pull_policy = 'missing';
    if (Array.isArray(s.devices)) s.devices = devices(s.devices);
    if (Array.isArray(s.gpus)) s.gpus = deviceRequests(s.gpus);
    if (Array.isArray(s.group_add)) s.group_add = s.group_add.map((g) => String(g));
    if (s.healthcheck !== undefined) s.healthcheck = healthcheck(s.healthcheck);
    if (s.stop_grace_period !== undefined) s.stop_grace_period = duration(s.stop_grace_period, ['stop_grace_period']);
    if (s.extra_hosts !== undefined) s.extra_hosts = extraHosts(s.extra_hosts);
    resources(s);
    for (const key of ['dns', 'dns_search', 'tmpfs']) if (typeof s[key] === 'string') s[key] = [s[key]];
    if (isDict(s.logging) && s.logging.options !== undefined) s.logging = { ...s.logging, options: listOrDictToMap(s.logging.options) };
    if (isDict(s.develop) && Array.isArray(s.develop.watch)) s.develop = { ...s.develop, watch: s.develop.watch.map((rule) => watchRule(rule, base)) };
    for (const key of ['post_start', 'pre_stop']) {
      const hooks = s[key];
      if (Array.isArray(hooks)) s[key] = hooks.map((hook) => serviceHook(hook, key));
    }
    if (isDict(s.deploy)) s.deploy = deployDurations(s.deploy.labels !== undefined ? { ...s.deploy, labels: stringMap(s.deploy.labels) } : s.deploy);
  } catch (error) {
    if (error instanceof PortSyntaxError || error instanceof VolumeSyntaxError) {
      const key = error instanceof PortSyntaxError ? 'ports' : 'volumes';
      const p = error.index === undefined ? ['services', name, key] : ['services', name, key, error.index];
      const hint = key === 'ports' ? 'Write ports as "[HOST_IP:]PUBLISHED:TARGET[/PROTOCOL]".' : 'Write volumes as "SOURCE:TARGET[:ro]".';
      throw new SlipwayError('compose_invalid', `${source.where(p)}: ${formatKeyPath(p)}: ${error.message}`, hint);
    }
    if (error instanceof SlipwayError) throw error;
    if (error instanceof FieldError) {
      const p = ['services', name, ...error.path];
      throw new SlipwayError('compose_invalid', `${source.where(p)}: ${formatKeyPath(p)}: ${error.message}`, 'Fix that value.');
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new SlipwayError('compose_invalid', `${source.where(['services', name])}: services.${name}: ${message}`);
  }
  return s;
}

/** Top-level resources: file paths made absolute, label lists as maps, `external.name` → `name`. */
export function canonicalTopLevel(data: Dict, base: string): Dict {
  const out: Dict = { ...data };
  for (const kind of ['networks', 'volumes', 'secrets', 'configs'] as const) {
    const items = out[kind];
    if (!isDict(items)) continue;
    const next: Dict = {};
    for (const [key, value] of Object.entries(items)) {
      const item: Dict = { ...(isDict(value) ? value : {}) };
      if (isDict(item.external)) {
        if (typeof item.external.name === 'string' && item.name === undefined) item.name = item.external.name;
        item.external = true;
      }
      if (item.external === false) delete item.external;
      if (item.labels !== undefined) item.labels = stringMap(item.labels);
      if (isDict(item.driver_opts)) item.driver_opts = stringMap(item.driver_opts);
      if ((kind === 'secrets' || kind === 'configs') && typeof item.file === 'string') item.file = absoluteHostPath(item.file, base);
      next[key] = item;
    }
    out[kind] = next;
  }
  return out;
}
