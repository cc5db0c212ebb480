import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Where V8's compiled code for the CLI is kept between runs: the user's cache folder
 * (`$XDG_CACHE_HOME/slipway`, `~/Library/Caches/slipway`, `%LOCALAPPDATA%\slipway\Cache`).
 * SLIPWAY_CODE_CACHE names another folder, or `off` to compile on every run.
 */
export function codeCacheDir(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform, home: string = env.HOME || os.homedir()): string | undefined {
  const chosen = env.SLIPWAY_CODE_CACHE;
  if (chosen === 'off' || chosen === '0') return undefined;
  if (chosen) return path.resolve(chosen);
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'slipway');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'slipway', 'Cache');
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  return path.join(base, 'slipway');
}

/**
 * How much of the bundle a cache holds compiled: `entry` — what a command that never
 * reached the core ran; `core` — also the core's code (the cache a later `ps` wants).
 */
export type CacheDepth = 'entry' | 'core';

export interface CachedBundle {
  /** The bundle's `module.exports`. */
  exports: unknown;
  /** Whether V8 took compiled code from the cache (false: none yet, or it was rejected). */
  readonly fromCache: boolean;
  /**
   * Once the command is done: keeps what this run compiled when the cache lacks it (none,
   * rejected, or `entry` deep while this run reached the core). Never throws.
   */
  save(depth: CacheDepth): void;
}

/**
 * Runs a CommonJS bundle the way Node would `require` it, but compiled through a V8 code
 * cache kept in `cacheDir` (Node 20 has no compile cache for ES modules): a run finds the
 * bundle's functions already compiled instead of parsing ~4 MB again. The cache is keyed by
 * the bundle's size and modification time and V8's version; V8 rejects one that does not
 * fit its flags, and the run then compiles as usual. Without `cacheDir`, or when the cache
 * folder cannot be read or written, it just compiles.
 */
export function loadWithCodeCache(file: string, cacheDir: string | undefined): CachedBundle {
  const source = readFileSync(file, 'latin1');
  const key = cacheDir ? cacheKey(file) : undefined;
  const found = cacheDir && key ? readCache(cacheDir, key) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(found ? { cachedData: found.data } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const fromCache = found !== undefined && script.cachedDataRejected === false;
  const module = { exports: {} as unknown };
  const wrapper: unknown = script.runInThisContext();
  if (typeof wrapper !== 'function') throw new Error(`${file} is not a CommonJS bundle`);
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    fromCache,
    save(depth) {
      if (!cacheDir || !key) return;
      if (fromCache && (found?.depth === 'core' || depth === 'entry')) return;
      writeCache(cacheDir, prefixOf(file), key, depth, () => script.createCachedData());
    },
  };
}

/** FNV-1a of a string, in hex: names a bundle's folder in the cache's file names (no crypto to load). */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** `cli-<where the bundle is>-`: caches of other checkouts or installs sharing the folder are left alone. */
const prefixOf = (file: string): string => `cli-${shortHash(path.resolve(file))}-`;

function cacheKey(file: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    const v8 = process.versions.v8.replace(/[^0-9A-Za-z.]/g, '_');
    return `${prefixOf(file)}${size}-${Math.round(mtimeMs)}-v8-${v8}-${process.arch}`;
  } catch {
    return undefined;
  }
}

function readCache(dir: string, key: string): { data: Buffer; depth: CacheDepth } | undefined {
  for (const depth of ['core', 'entry'] as const) {
    try {
      return { data: readFileSync(path.join(dir, `${key}.${depth}`)), depth };
    } catch {
      // not there (or unreadable): the next depth, or compile
    }
  }
  return undefined;
}

function writeCache(dir: string, prefix: string, key: string, depth: CacheDepth, data: () => Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, `${key}.${depth}`);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, data(), { mode: 0o600 });
    // a rename: another slipway starting now reads the old file or the new one, never half of one
    renameSync(partial, file);
    // caches of earlier builds (and a shallower one of this build) are of no further use
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && name !== `${key}.${depth}` && !name.endsWith('.tmp')) unlinkSync(path.join(dir, name));
    }
  } catch {
    // a read-only or full disk: the next run compiles again
  }
}
