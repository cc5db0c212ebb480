import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { codeCacheDir, type CacheDepth } from '../../../../electron/cli/code-cache';

const probeExports = z.object({ answer: z.number(), dir: z.string(), file: z.string(), requires: z.boolean() });
const loaded = z.object({ fromCache: z.boolean(), exports: probeExports });

// Each load runs in a process of its own, as each CLI command does: within one process V8
// finds a script it has compiled already in memory and never looks at the cache.
const repo = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const loaderDir = mkdtempSync(path.join(tmpdir(), 'slipway-code-cache-loader-'));
const runner = path.join(loaderDir, 'run.mjs');
beforeAll(async () => {
  await build({ absWorkingDir: repo, entryPoints: ['electron/cli/code-cache.ts'], outfile: path.join(loaderDir, 'code-cache.mjs'), bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
  writeFileSync(runner, [
    "import { loadWithCodeCache } from './code-cache.mjs';",
    "const [file, dir, depth] = process.argv.slice(2);",
    "const bundle = loadWithCodeCache(file, dir || undefined);",
    'console.log(JSON.stringify({ fromCache: bundle.fromCache, exports: bundle.exports }));',
    'if (depth) bundle.save(depth);',
  ].join('\n'));
});
afterAll(() => rmSync(loaderDir, { recursive: true, force: true }));

/** Loads `file` through the cache in `dir` in a new process, then saves at `depth` if given. */
function loadWithCodeCache(file: string, dir: string | undefined, depth?: CacheDepth): z.infer<typeof loaded> {
  const run = spawnSync(process.execPath, [runner, file, dir ?? '', depth ?? ''], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`the loader failed: ${run.stderr}`);
  return loaded.parse(JSON.parse(run.stdout));
}

let scratch = '';
let cacheDir = '';
let bundle = '';
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'slipway-code-cache-'));
  cacheDir = path.join(scratch, 'cache');
  bundle = path.join(scratch, 'app', 'bundle.cjs');
  mkdirSync(path.dirname(bundle));
  writeBundle(bundle, 40);
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** A CommonJS bundle whose exports say what it was run with; `n` changes its size. */
function writeBundle(file: string, n: number): void {
  const body = Array.from({ length: n }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join('\n');
  writeFileSync(file, `${body}\nmodule.exports = { answer: f2(40), dir: __dirname, file: __filename, requires: typeof require('node:path').join === 'function' };\n`);
}

const cached = (): string[] => readdirSync(cacheDir).sort();

describe('the CLI bundle compiled through a V8 code cache', () => {
  it('runs the bundle as CommonJS, keeps its compiled code once, and takes it on the next run', () => {
    const first = loadWithCodeCache(bundle, cacheDir, 'entry');
    expect(first).toEqual({ fromCache: false, exports: { answer: 42, dir: path.dirname(bundle), file: bundle, requires: true } });
    expect(cached()).toEqual([expect.stringMatching(/\.entry$/)]);

    const before = cached();
    expect(loadWithCodeCache(bundle, cacheDir, 'entry')).toMatchObject({ fromCache: true, exports: { answer: 42 } });
    expect(cached()).toEqual(before);
    // a run that reached the core: its deeper cache replaces the shallow one
    expect(loadWithCodeCache(bundle, cacheDir, 'core').fromCache).toBe(true);
    expect(cached()).toEqual([expect.stringMatching(/\.core$/)]);
    expect(loadWithCodeCache(bundle, cacheDir).fromCache).toBe(true);
  });

  it('a rebuilt bundle compiles afresh and its cache replaces the old one; another bundle’s cache is left', () => {
    const other = path.join(scratch, 'other', 'bundle.cjs');
    mkdirSync(path.dirname(other));
    writeBundle(other, 10);
    loadWithCodeCache(other, cacheDir, 'core');
    loadWithCodeCache(bundle, cacheDir, 'core');
    const both = cached();
    expect(both).toHaveLength(2);

    writeBundle(bundle, 41);
    expect(loadWithCodeCache(bundle, cacheDir, 'core')).toMatchObject({ fromCache: false, exports: { answer: 42 } });
    const after = cached();
    expect(after).toHaveLength(2);
    // one name is new (the rebuilt bundle's), one is as it was (the other bundle's)
    expect(after.filter((name) => both.includes(name))).toHaveLength(1);
    expect(loadWithCodeCache(bundle, cacheDir).fromCache).toBe(true);
    expect(loadWithCodeCache(other, cacheDir).fromCache).toBe(true);
  });

  it('a damaged cache is rejected by V8: the bundle compiles as usual and the cache is written again', () => {
    loadWithCodeCache(bundle, cacheDir, 'core');
    const [name] = cached();
    if (name === undefined) throw new Error('no cache written');
    writeFileSync(path.join(cacheDir, name), Buffer.alloc(4096, 7));
    expect(loadWithCodeCache(bundle, cacheDir, 'core')).toMatchObject({ fromCache: false, exports: { answer: 42 } });
    expect(loadWithCodeCache(bundle, cacheDir).fromCache).toBe(true);
  });

  it('without a cache folder, or one that cannot be written, the bundle just compiles', () => {
    expect(loadWithCodeCache(bundle, undefined, 'core')).toMatchObject({ fromCache: false, exports: { answer: 42 } });
    const blocked = path.join(scratch, 'a-file');
    writeFileSync(blocked, '');
    // saving fails quietly (the loader process exits 0) and the next run compiles again
    expect(loadWithCodeCache(bundle, path.join(blocked, 'cache'), 'core').fromCache).toBe(false);
    expect(loadWithCodeCache(bundle, path.join(blocked, 'cache')).fromCache).toBe(false);
  });

  it('the cache folder: the platform’s cache place, SLIPWAY_CODE_CACHE to move it or turn it off', () => {
    expect(codeCacheDir({}, 'linux', '/home/ann')).toBe('/home/ann/.cache/slipway');
    expect(codeCacheDir({ XDG_CACHE_HOME: '/var/cache/ann' }, 'linux', '/home/ann')).toBe('/var/cache/ann/slipway');
    expect(codeCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/ann')).toBe('/home/ann/.cache/slipway');
    expect(codeCacheDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Caches/slipway');
    expect(codeCacheDir({ SLIPWAY_CODE_CACHE: '/tmp/c' }, 'linux', '/home/ann')).toBe('/tmp/c');
    expect(codeCacheDir({ SLIPWAY_CODE_CACHE: 'off' }, 'linux', '/home/ann')).toBeUndefined();
  });
});
