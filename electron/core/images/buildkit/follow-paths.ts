/**
 * The paths the engine asks for when it wants only part of a folder (fsutil's followpaths
 * and include patterns: the Dockerfile's name, the sources of COPY and ADD), anchored at the
 * folder's root, with `*`, `?`, `[…]` within one path segment and `**` across segments.
 */
export interface FollowPaths {
  /** The path, or a folder above it, is named. */
  includes(rel: string): boolean;
  /** Something inside this folder may be named: worth walking into. */
  mayContain(relDir: string): boolean;
}

export function followPaths(patterns: string[]): FollowPaths {
  const compiled = patterns.map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '').map((p) => p.split('/').map(segmentRegex));
  return {
    includes: (rel) => {
      const parts = rel.split('/');
      return compiled.some((segments) => matches(segments, parts, false));
    },
    mayContain: (relDir) => {
      const parts = relDir.split('/');
      return compiled.some((segments) => matches(segments, parts, true));
    },
  };
}

type Segment = RegExp | '**';

function segmentRegex(segment: string): Segment {
  if (segment === '**') return '**';
  const body = segment.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/**
 * Whether path parts match the pattern segments. `prefix`: the parts are a folder that the
 * pattern may continue below (the pattern is longer); otherwise the pattern must match the
 * whole path or a folder above it.
 */
function matches(segments: Segment[], parts: string[], prefix: boolean): boolean {
  const [head, ...rest] = segments;
  if (head === undefined) return !prefix; // the pattern ended: this path is it or lies below it
  if (parts.length === 0) return prefix;
  if (head === '**') return matches(rest, parts, prefix) || matches(segments, parts.slice(1), prefix);
  const [part, ...others] = parts;
  return part !== undefined && head.test(part) && matches(rest, others, prefix);
}
