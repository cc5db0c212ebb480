import { z } from 'zod';
import type { PortConfig } from '../../../shared/model/project';
import type { Dict } from './types';
import { isDict, isExtensionKey } from './types';

/** Thrown with a message saying what is wrong with one port entry. */
export class PortSyntaxError extends Error {
  /** Index of the entry in the ports list, when known. */
  index?: number;
}

function parseRange(text: string, what: string, spec: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new PortSyntaxError(`invalid ${what} ${JSON.stringify(text)} in port ${JSON.stringify(spec)}`);
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > 65535 || end > 65535) throw new PortSyntaxError(`${what} out of range in port ${JSON.stringify(spec)}`);
  if (end < start) throw new PortSyntaxError(`invalid ${what} range ${JSON.stringify(text)} in port ${JSON.stringify(spec)}`);
  return [start, end];
}

const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
type Protocol = (typeof PROTOCOLS)[number];

function shortProtocol(text: string, spec: string): Protocol {
  const protocol = PROTOCOLS.find((p) => p === text);
  if (protocol === undefined) throw new PortSyntaxError(`invalid protocol ${JSON.stringify(text)} in port ${JSON.stringify(spec)}`);
  return protocol;
}

/** A port in the field order Compose prints (name, mode, host_ip, target, published, protocol, app_protocol). */
function portConfig(fields: { name?: string | undefined; mode: string; host_ip?: string | undefined; target: number; published?: string | undefined; protocol: string; app_protocol?: string | undefined }): PortConfig {
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    mode: fields.mode,
    ...(fields.host_ip !== undefined ? { host_ip: fields.host_ip } : {}),
    target: fields.target,
    ...(fields.published !== undefined ? { published: fields.published } : {}),
    protocol: fields.protocol,
    ...(fields.app_protocol !== undefined ? { app_protocol: fields.app_protocol } : {}),
  };
}

/** `[host_ip:][published:]target[/protocol]`, with ranges, as Compose expands them. */
export function parsePortShort(spec: string): PortConfig[] {
  let rest = spec.trim();
  let protocol: Protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = shortProtocol(rest.slice(slash + 1).toLowerCase(), spec);
    rest = rest.slice(0, slash);
  }
  let hostIp = '';
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') throw new PortSyntaxError(`invalid IPv6 address in port ${JSON.stringify(spec)}`);
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  let published = '';
  let target: string;
  if (hostIp !== '') {
    if (parts.length !== 2) throw new PortSyntaxError(`invalid port ${JSON.stringify(spec)}`);
    [published = '', target = ''] = parts;
  } else if (parts.length === 1) {
    target = parts[0] ?? '';
  } else if (parts.length === 2) {
    [published = '', target = ''] = parts;
  } else if (parts.length === 3) {
    [hostIp = '', published = '', target = ''] = parts;
  } else {
    // An unbracketed IPv6 address: the last two parts are the ports.
    target = parts.pop() ?? '';
    published = parts.pop() ?? '';
    hostIp = parts.join(':');
  }
  if (target === '') throw new PortSyntaxError(`no container port in port ${JSON.stringify(spec)}`);
  const [tStart, tEnd] = parseRange(target, 'container port', spec);
  let pStart = 0;
  let pEnd = 0;
  if (published !== '') [pStart, pEnd] = parseRange(published, 'published port', spec);
  const count = tEnd - tStart + 1;
  const publishedCount = pEnd - pStart + 1;
  if (published !== '' && count > 1 && publishedCount !== count) {
    throw new PortSyntaxError(`port ranges do not match in ${JSON.stringify(spec)}`);
  }
  const out: PortConfig[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      portConfig({
        mode: 'ingress',
        host_ip: hostIp !== '' ? hostIp : undefined,
        target: tStart + i,
        published: published === '' ? undefined : count === 1 ? (pStart === pEnd ? String(pStart) : `${pStart}-${pEnd}`) : String(pStart + i),
        protocol,
      }),
    );
  }
  return out;
}

/** The long syntax as the compose schema lets it through (x-* extensions kept). */
const PortLong = z
  .object({
    name: z.string().optional(),
    mode: z.string().optional(),
    host_ip: z.string().optional(),
    target: z.union([z.number(), z.string()]).optional(),
    published: z.union([z.string(), z.number()]).nullish(),
    protocol: z.string().optional(),
    app_protocol: z.string().optional(),
  })
  .catchall(z.unknown());

/** Long syntax: defaults filled in, target a number, published as a string. */
export function normalizePortLong(entry: Dict): PortConfig {
  const parsed = PortLong.safeParse(entry);
  if (!parsed.success) throw new PortSyntaxError(`invalid port ${JSON.stringify(entry)}: ${parsed.error.issues[0]?.message ?? 'unexpected value'}`);
  const { name, mode, host_ip, target, published, protocol, app_protocol, ...extensions } = parsed.data;
  const container = typeof target === 'string' && /^\d+$/.test(target) ? Number(target) : target;
  if (typeof container !== 'number') throw new PortSyntaxError(`no container port in port ${JSON.stringify(entry)}`);
  const text = published === undefined || published === null ? '' : String(published);
  const port = portConfig({ name, mode: mode ?? 'ingress', host_ip, target: container, published: text === '' ? undefined : text, protocol: protocol ?? 'tcp', app_protocol });
  for (const [key, value] of Object.entries(extensions)) if (isExtensionKey(key) && value !== undefined) port[key] = value;
  return port;
}

export function normalizePorts(value: unknown): PortConfig[] {
  if (!Array.isArray(value)) return [];
  const out: PortConfig[] = [];
  value.forEach((entry, index) => {
    try {
      if (typeof entry === 'number') out.push(...parsePortShort(String(entry)));
      else if (typeof entry === 'string') out.push(...parsePortShort(entry));
      else if (isDict(entry)) out.push(normalizePortLong(entry));
    } catch (error) {
      if (error instanceof PortSyntaxError) error.index = index;
      throw error;
    }
  });
  return out;
}
