import type { PortConfig } from '../../../shared/model/project';
import type { Dict } from './types';
import { isDict } from './types';

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

/** `[host_ip:][published:]target[/protocol]`, with ranges, as Compose expands them. */
export function parsePortShort(spec: string): PortConfig[] {
  let rest = spec.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!['tcp', 'udp', 'sctp'].includes(protocol)) throw new PortSyntaxError(`invalid protocol ${JSON.stringify(protocol)} in port ${JSON.stringify(spec)}`);
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
    [published, target] = parts as [string, string];
  } else if (parts.length === 1) {
    target = parts[0] ?? '';
  } else if (parts.length === 2) {
    [published, target] = parts as [string, string];
  } else if (parts.length === 3) {
    [hostIp, published, target] = parts as [string, string, string];
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
    const port: PortConfig = { mode: 'ingress', target: tStart + i, protocol: protocol as PortConfig['protocol'] };
    if (hostIp !== '') port.host_ip = hostIp;
    if (published !== '') {
      port.published = count === 1 ? (pStart === pEnd ? String(pStart) : `${pStart}-${pEnd}`) : String(pStart + i);
    }
    out.push(orderPort(port));
  }
  return out;
}

/** Long syntax: defaults filled in, published as a string. */
export function normalizePortLong(entry: Dict): PortConfig {
  const port: Dict = { ...entry };
  if (port.mode === undefined) port.mode = 'ingress';
  if (port.protocol === undefined) port.protocol = 'tcp';
  if (typeof port.target === 'string' && /^\d+$/.test(port.target)) port.target = Number(port.target);
  if (port.published !== undefined && port.published !== null) port.published = String(port.published);
  if (port.published === '') delete port.published;
  return orderPort(port as unknown as PortConfig);
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

const PORT_ORDER = ['name', 'mode', 'host_ip', 'target', 'published', 'protocol', 'app_protocol'];

function orderPort(port: PortConfig): PortConfig {
  const out: Dict = {};
  const record = port as unknown as Dict;
  for (const key of PORT_ORDER) if (record[key] !== undefined) out[key] = record[key];
  for (const [key, value] of Object.entries(record)) if (!(key in out) && value !== undefined) out[key] = value;
  return out as unknown as PortConfig;
}
