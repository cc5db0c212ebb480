import { stringify } from 'yaml';
import type { ComposeModel } from '../../../shared/model/project';
import type { Dict } from './types';
import { isDict } from './types';

/** The model as Compose renders it: extra_hosts as a sorted "host=ip" list, file modes as "0440". */
function renderable(model: ComposeModel): Dict {
  const services: Dict = {};
  for (const [name, service] of Object.entries(model.services)) {
    const s: Dict = { ...service };
    if (isDict(s.extra_hosts)) s.extra_hosts = hostList(s.extra_hosts);
    if (isDict(s.build) && isDict(s.build.extra_hosts)) s.build = { ...s.build, extra_hosts: hostList(s.build.extra_hosts) };
    if (isDict(s.build) && Array.isArray(s.build.secrets)) s.build = { ...s.build, secrets: octalModes(s.build.secrets) };
    for (const key of ['secrets', 'configs']) {
      const mounts = s[key];
      if (Array.isArray(mounts)) s[key] = octalModes(mounts);
    }
    services[name] = s;
  }
  return { ...model, services };
}

/** compose-go's FileMode prints as "0" and its octal digits (288 is "0440"), in YAML and JSON. */
function octalModes(mounts: unknown[]): unknown[] {
  return mounts.map((m) => (isDict(m) && typeof m.mode === 'number' ? { ...m, mode: `0${m.mode.toString(8)}` } : m));
}

function hostList(map: Dict): string[] {
  const out: string[] = [];
  for (const [host, ips] of Object.entries(map)) for (const ip of Array.isArray(ips) ? ips : [ips]) out.push(`${host}=${String(ip)}`);
  return out.sort();
}

/** `docker compose config --format json`: two-space indent, <, > and & escaped as Go does. */
export function configJson(model: ComposeModel): string {
  return JSON.stringify(renderable(model), null, 2).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** `docker compose config` (YAML): a `$` in a value is written `$$` so the output loads back the same. */
export function configYaml(model: ComposeModel): string {
  const escape = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replaceAll('$', '$$$$');
    if (Array.isArray(value)) return value.map(escape);
    if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escape(v)]));
    return value;
  };
  return stringify(escape(renderable(model)), { lineWidth: 0, nullStr: 'null' });
}
