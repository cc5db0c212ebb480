import type { Dict } from './types';
import { isDict } from './types';

/**
 * Merging compose files (and `extends`) by the Compose spec's rules: mappings merge
 * key by key (the later file wins), `command`, `entrypoint` and `healthcheck.test` are
 * replaced, and sequences are concatenated with duplicates removed by their identity
 * (ports by ip:published:target/protocol, volumes by target, secrets/configs by target,
 * env_file by path, plain string lists by value). Inputs are canonical long forms.
 */

type Indexer = (item: unknown) => string;

const byValue: Indexer = (item) => (typeof item === 'string' ? item : JSON.stringify(item));
const byTarget: Indexer = (item) => (isDict(item) ? String(item.target ?? item.source ?? JSON.stringify(item)) : String(item));
const byPort: Indexer = (item) => {
  if (!isDict(item)) return String(item);
  return `${String(item.host_ip ?? '')}:${String(item.published ?? '')}:${String(item.target ?? '')}/${String(item.protocol ?? 'tcp')}`;
};
const byMount = (prefix: string): Indexer => (item) => {
  if (typeof item === 'string') return `${prefix}/${item}`;
  if (!isDict(item)) return String(item);
  if (typeof item.target === 'string' && item.target !== '') return item.target.startsWith('/') || prefix === '' ? item.target : `${prefix}/${item.target}`;
  return prefix === '' ? `/${String(item.source)}` : `${prefix}/${String(item.source)}`;
};
const byPath: Indexer = (item) => (isDict(item) ? String(item.path) : String(item));
const byDevice: Indexer = (item) => (isDict(item) ? String(item.target ?? item.source) : String(item).split(':')[1] ?? String(item));

const SERVICE_LISTS: Record<string, Indexer> = {
  ports: byPort,
  volumes: byTarget,
  secrets: byMount('/run/secrets'),
  configs: byMount(''),
  env_file: byPath,
  expose: byValue,
  cap_add: byValue,
  cap_drop: byValue,
  dns: byValue,
  dns_opt: byValue,
  dns_search: byValue,
  links: byValue,
  profiles: byValue,
  tmpfs: byValue,
  extra_hosts: byValue,
  devices: byDevice,
};

const REPLACED = new Set(['command', 'entrypoint']);

function mergeList(base: unknown[], over: unknown[], indexer: Indexer | undefined): unknown[] {
  if (!indexer) return [...base, ...over];
  const out = new Map<string, unknown>();
  for (const item of [...base, ...over]) {
    const key = indexer(item);
    if (out.has(key)) out.delete(key);
    out.set(key, item);
  }
  // Keep the base order for replaced keys where possible.
  const order: string[] = [];
  for (const item of [...base, ...over]) {
    const key = indexer(item);
    if (!order.includes(key)) order.push(key);
  }
  return order.map((key) => out.get(key));
}

function mergeValue(base: unknown, over: unknown, path: string[]): unknown {
  if (over === undefined) return base;
  if (isDict(base) && isDict(over)) return mergeDict(base, over, path);
  if (Array.isArray(base) && Array.isArray(over)) {
    const last = path[path.length - 1] ?? '';
    if (path.length === 3 && path[0] === 'services') {
      if (REPLACED.has(last)) return over;
      return mergeList(base, over, SERVICE_LISTS[last]);
    }
    if (path.length === 4 && path[0] === 'services' && path[2] === 'healthcheck' && last === 'test') return over;
    if (path.length === 4 && path[0] === 'services' && path[2] === 'build' && (last === 'tags' || last === 'cache_from' || last === 'cache_to' || last === 'platforms')) {
      return mergeList(base, over, byValue);
    }
    if (path.length === 5 && path[0] === 'services' && path[2] === 'networks' && last === 'aliases') return mergeList(base, over, byValue);
    if (path.length === 4 && path[0] === 'services' && path[2] === 'build' && last === 'extra_hosts') return mergeList(base, over, byValue);
    return [...base, ...over];
  }
  return over;
}

function mergeDict(base: Dict, over: Dict, path: string[]): Dict {
  const out: Dict = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = key in base ? mergeValue(base[key], value, [...path, key]) : value;
  }
  // Logging: a different driver drops the old options.
  if (path.length === 2 && path[0] === 'services' && isDict(base.logging) && isDict(over.logging)) {
    const b = base.logging;
    const o = over.logging;
    if (b.driver !== undefined && o.driver !== undefined && b.driver !== o.driver) out.logging = { ...o };
  }
  return out;
}

/** One service merged over another (later wins). */
export function mergeService(base: Dict, over: Dict, name = '_'): Dict {
  return mergeDict(base, over, ['services', name]);
}

/** Whole compose models merged in file order. */
export function mergeModels(base: Dict, over: Dict): Dict {
  return mergeDict(base, over, []);
}
