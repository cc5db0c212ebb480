import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore from '@balena/dockerignore';
import { errnoCode } from '../thrown';

/**
 * The exclusion rules of a build context, read and applied as the Docker CLI (classic
 * builder) does: `.dockerignore` lines (BOM, comments, `!` exceptions, cleaned, a leading
 * `/` dropped), then `!.dockerignore` and `!<Dockerfile>` added when those are excluded,
 * so that both always reach the daemon (build.TrimBuildFilesFromExcludes).
 */
export interface ContextFilter {
  /** True when the path (relative to the context, with `/`) is excluded. */
  excludes(relPath: string): boolean;
  /**
   * For an excluded directory: whether the walk must still enter it because an exception
   * pattern starts with it (e.g. `!node_modules/keep.js`). The directory entry itself is
   * not sent then, only the files inside that are not excluded.
   */
  mustEnter(relDir: string): boolean;
  /** The patterns in effect, for diagnostics. */
  patterns: string[];
}

/** `.dockerignore` patterns as the CLI's dockerignore.ReadAll returns them. */
export function parseDockerignore(text: string): string[] {
  const patterns: string[] = [];
  for (let raw of text.replace(/^\uFEFF/, '').split('\n')) {
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    // Comments are recognised before trimming, as Docker does.
    if (raw.startsWith('#')) continue;
    let pattern = raw.trim();
    if (pattern === '') continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) pattern = cleanPath(pattern);
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    patterns.push(invert ? `!${pattern}` : pattern);
  }
  return patterns;
}

export async function readDockerignore(contextDir: string): Promise<{ text: string | undefined; patterns: string[] }> {
  return readDockerignoreFile(path.join(contextDir, '.dockerignore'));
}

/** An ignore file by its path (also `<Dockerfile>.dockerignore` beside a Dockerfile, for BuildKit). */
export async function readDockerignoreFile(file: string): Promise<{ text: string | undefined; patterns: string[] }> {
  try {
    const text = await readFile(file, 'utf8');
    return { text, patterns: parseDockerignore(text) };
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { text: undefined, patterns: [] };
    throw error;
  }
}

/**
 * The filter for a context; `dockerfile` is the Dockerfile's path relative to the context
 * (with `/`), or undefined when it is sent under a generated name (or apart, as BuildKit
 * gets it). `.dockerignore` is kept unless `keepDockerignore` is false (BuildKit).
 */
export function contextFilter(patterns: string[], dockerfile: string | undefined, keepDockerignore = true): ContextFilter {
  const all = [...patterns];
  const base = matcher(all);
  if (keepDockerignore && base.ignores('.dockerignore')) all.push('!.dockerignore');
  if (dockerfile !== undefined && base.ignores(dockerfile)) all.push(`!${dockerfile}`);
  const final = all.length === patterns.length ? base : matcher(all);
  const exceptions = all.filter((p) => p.startsWith('!')).map((p) => cleanPath(p.slice(1)));
  return {
    patterns: all,
    excludes: (relPath) => final.ignores(relPath),
    mustEnter: (relDir) => {
      const dirSlash = `${relDir}/`;
      return exceptions.some((pattern) => `${pattern}/`.startsWith(dirSlash));
    },
  };
}

/** Go's filepath.Clean for `/`-separated paths. */
function cleanPath(p: string): string {
  const cleaned = path.posix.normalize(p);
  return cleaned.length > 1 && cleaned.endsWith('/') ? cleaned.slice(0, -1) : cleaned;
}

function matcher(patterns: string[]) {
  // Docker matches case-sensitively (the library's default is not). The library drops
  // lines that start with `#`; Docker only drops those before trimming, so escape the rest.
  return ignore({ ignorecase: false }).add(patterns.map((p) => (p.startsWith('#') ? `\\${p}` : p)));
}
