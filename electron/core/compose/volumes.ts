import os from 'node:os';
import path from 'node:path';
import type { ServiceVolume } from '../../../shared/model/project';
import type { Dict } from './types';
import { isDict } from './types';

export class VolumeSyntaxError extends Error {
  /** Index of the entry in the volumes list, when known. */
  index?: number;
}

const PROPAGATION = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

function isWindowsDrive(text: string): boolean {
  return /^[a-zA-Z]:[\\/]/.test(text);
}

/** A source Compose treats as a host path (a bind) rather than a volume name. */
export function isHostPath(source: string): boolean {
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
  let source: string | undefined;
  let target: string;
  let options: string[] = [];
  if (parts.length === 1) target = parts[0] as string;
  else {
    source = parts[0] as string;
    target = parts[1] as string;
    if (parts.length === 3) options = (parts[2] as string).split(',');
  }
  const volume: Dict = {};
  if (source !== undefined && isHostPath(source)) {
    volume.type = 'bind';
    volume.source = absoluteHostPath(source, base);
  } else {
    volume.type = 'volume';
    if (source !== undefined) volume.source = source;
  }
  volume.target = cleanTarget(target);
  let bind: Dict | undefined;
  let vol: Dict | undefined;
  for (const option of options) {
    if (option === 'ro') volume.read_only = true;
    else if (option === 'rw') delete volume.read_only;
    else if (option === 'nocopy') vol = { nocopy: true };
    else if (option === 'z' || option === 'Z') bind = { ...bind, selinux: option };
    else if (PROPAGATION.has(option)) bind = { ...bind, propagation: option };
  }
  if (volume.type === 'bind') volume.bind = { ...bind, create_host_path: true };
  else if (bind) volume.bind = bind;
  if (volume.type === 'volume') volume.volume = vol ?? {};
  else if (vol) volume.volume = vol;
  return volume as unknown as ServiceVolume;
}

/** `path.Clean` for container paths ("/app/" → "/app"), as Compose does for the short syntax. */
function cleanTarget(target: string): string {
  if (!target.startsWith('/')) return target;
  return path.posix.normalize(target).replace(/(.)\/+$/, '$1');
}

export function normalizeVolumeLong(entry: Dict, base: string): ServiceVolume {
  const volume: Dict = { ...entry };
  if (volume.type === 'bind' && typeof volume.source === 'string' && volume.source !== '') {
    volume.source = absoluteHostPath(volume.source, base);
  }
  if (volume.read_only === false) delete volume.read_only;
  return volume as unknown as ServiceVolume;
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
