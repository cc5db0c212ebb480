import os from 'node:os';
import path from 'node:path';
import type { ServiceVolume } from '../../../shared/model/project';
import { z } from 'zod';
import type { Dict } from './types';
import { booleanFromText, isDict } from './types';

export class VolumeSyntaxError extends Error {
  /** Index of the entry in the volumes list, when known. */
  index?: number;
}

const PROPAGATION = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

function isWindowsDrive(text: string): boolean {
  return /^[a-zA-Z]:[\\/]/.test(text);
}

/** A source Compose treats as a host path (a bind) rather than a volume name. */
function isHostPath(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~') || isWindowsDrive(source);
}

/** `~`, relative and absolute host paths made absolute against `base`. */
export function absoluteHostPath(source: string, base: string): string {
  if (source === '~' || source.startsWith('~/')) return path.join(os.homedir(), source.slice(1));
  if (isWindowsDrive(source)) return source;
  return path.resolve(base, source);
}

function splitVolumeSpec(spec: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i];
    // A Windows drive letter ("C:\") is not a separator.
    if (ch === ':' && !(current.length === 1 && /[a-zA-Z]/.test(current) && /[\\/]/.test(spec[i + 1] ?? ''))) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** `[source:]target[:options]` → the long form Compose prints (unknown options are ignored, as Compose does). */
export function parseVolumeShort(spec: string, base: string): ServiceVolume {
  if (spec.length === 0) throw new VolumeSyntaxError('invalid empty volume specification');
  if (spec.length <= 2) return { type: 'volume', target: spec };
  const parts = splitVolumeSpec(spec);
  if (parts.some((p) => p === '')) throw new VolumeSyntaxError(`invalid volume specification ${JSON.stringify(spec)}: empty section between colons`);
  if (parts.length > 3) throw new VolumeSyntaxError(`invalid volume specification ${JSON.stringify(spec)}: too many colons`);
  const [first = '', second = '', third] = parts;
  const source = parts.length === 1 ? undefined : first;
  const target = cleanTarget(parts.length === 1 ? first : second);
  const options = third === undefined ? [] : third.split(',');
  const isBind = source !== undefined && isHostPath(source);
  let readOnly = false;
  let bind: NonNullable<ServiceVolume['bind']> | undefined;
  let vol: NonNullable<ServiceVolume['volume']> | undefined;
  for (const option of options) {
    if (option === 'ro') readOnly = true;
    else if (option === 'rw') readOnly = false;
    else if (option === 'nocopy') vol = { nocopy: true };
    else if (option === 'z' || option === 'Z') bind = { ...bind, selinux: option };
    else if (PROPAGATION.has(option)) bind = { ...bind, propagation: option };
  }
  const volume: ServiceVolume = isBind
    ? { type: 'bind', source: absoluteHostPath(source, base), target }
    : { type: 'volume', ...(source !== undefined ? { source } : {}), target };
  if (readOnly) volume.read_only = true;
  if (isBind) volume.bind = { ...bind, create_host_path: true };
  else if (bind) volume.bind = bind;
  if (!isBind) volume.volume = vol ?? {};
  else if (vol) volume.volume = vol;
  return volume;
}

/** `path.Clean` for container paths ("/app/" → "/app"), as Compose does for the short syntax. */
function cleanTarget(target: string): string {
  if (!target.startsWith('/')) return target;
  return path.posix.normalize(target).replace(/(.)\/+$/, '$1');
}

/** The long syntax as the compose schema lets it through (bind, volume, tmpfs… options kept as written). */
const VolumeLong = z
  .object({
    type: z.enum(['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image']),
    source: z.string().optional(),
    target: z.string({ error: 'missing mount target' }),
    read_only: z
      .union([z.boolean(), z.string()])
      .optional()
      .transform((value, ctx) => {
        if (typeof value !== 'string') return value;
        const flag = booleanFromText(value);
        if (flag === undefined) ctx.addIssue({ code: 'custom', message: `invalid boolean ${JSON.stringify(value)} for read_only` });
        return flag;
      }),
  })
  .catchall(z.unknown());

export function normalizeVolumeLong(entry: Dict, base: string): ServiceVolume {
  const parsed = VolumeLong.safeParse(entry);
  if (!parsed.success) throw new VolumeSyntaxError(parsed.error.issues[0]?.message ?? 'invalid volume');
  const volume: ServiceVolume = { ...parsed.data };
  if (volume.type === 'bind' && typeof volume.source === 'string' && volume.source !== '') {
    volume.source = absoluteHostPath(volume.source, base);
  }
  if (volume.read_only === false) delete volume.read_only;
  return volume;
}

export function normalizeVolumes(value: unknown, base: string): ServiceVolume[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry, index) => {
    try {
      return typeof entry === 'string' ? parseVolumeShort(entry, base) : normalizeVolumeLong(isDict(entry) ? entry : {}, base);
    } catch (error) {
      if (error instanceof VolumeSyntaxError) error.index = index;
      throw error;
    }
  });
}
