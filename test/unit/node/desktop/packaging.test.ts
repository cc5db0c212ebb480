import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * What the installer carries: electron-builder copies the `files` rules of
 * electron-builder.yml plus every production package of package-lock.json into app.asar.
 * The CLI and the main process are bundled, so that must be exactly the packages the
 * bundles leave to node_modules (scripts/bundle-externals.mjs), nothing the renderer
 * needs (Vite bundles it) and no tool of the build.
 */
const root = process.cwd();
const externalsSchema = z.object({
  BUNDLE_EXTERNALS: z.array(z.string()),
  LOADED_FROM_NODE_MODULES: z.array(z.string()),
  PROVIDED_BY_ELECTRON: z.array(z.string()),
  OPTIONAL_OF_EXTERNALS: z.array(z.string()),
});
const lockSchema = z.object({ packages: z.record(z.string(), z.object({ dev: z.boolean().optional(), devOptional: z.boolean().optional() }).loose()) });
const packageSchema = z.object({ dependencies: z.record(z.string(), z.string()).default({}), devDependencies: z.record(z.string(), z.string()).default({}) });

const DEV_TOOLS = ['electron', 'electron-builder', 'esbuild', 'vite', 'vitest', 'typescript', 'eslint', 'playwright-core', 'fast-check', 'jsdom', 'ajv'];

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** The packages the renderer's sources import (Vite bundles every one of them). */
function rendererPackages(): Set<string> {
  const found = new Set<string>();
  for (const file of files(path.join(root, 'renderer')).filter((f) => /\.(ts|tsx)$/.test(f))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s*import\s[^'"]*['"]([^'"./][^'"]*)['"]/gm)) {
      if (!match[0].startsWith('import type')) found.add(packageName(match[1] ?? ''));
    }
  }
  return found;
}

/** Production packages of the lock file: what electron-builder would copy into app.asar. */
function shippedPackages(): string[] {
  const lock = lockSchema.parse(JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')));
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

/** Every bare import a bundle leaves out (an external package or a Node built-in). */
async function bundleLeftOuts(entry: string, externals: string[]): Promise<Set<string>> {
  const result = await build({ entryPoints: [path.join(root, entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, metafile: true, logLevel: 'silent', external: externals, outdir: path.join(root, 'dist-check') });
  const leftOut = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imported of output.imports) if (imported.external) leftOut.add(imported.path);
  }
  return leftOut;
}

describe('what the installer ships', async () => {
  const externals = externalsSchema.parse(await import(pathToFileURL(path.join(root, 'scripts', 'bundle-externals.mjs')).href));
  const pkg = packageSchema.parse(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')));
  const shipped = shippedPackages();

  it('package.json dependencies are exactly what the bundles load from node_modules', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...externals.LOADED_FROM_NODE_MODULES].sort());
  });

  it('no renderer package and no build tool is in app.asar', () => {
    const renderer = rendererPackages();
    expect(renderer.has('react')).toBe(true);
    expect(shipped.filter((name) => renderer.has(name))).toEqual([]);
    expect(shipped.filter((name) => DEV_TOOLS.includes(name))).toEqual([]);
  });

  it('electron-builder copies only the built app, its launcher and package.json', () => {
    const config = z.object({ files: z.array(z.string()) }).parse(parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')));
    const included = config.files.filter((rule) => !rule.startsWith('!'));
    expect(included.every((rule) => rule === 'package.json' || rule.startsWith('dist/') || /^bin\/slipway\.(c|m)js$/.test(rule))).toBe(true);
  });

  it('the native file watcher ships, its binary unpacked beside app.asar', () => {
    expect(shipped).toContain('@parcel/watcher');
    expect(shipped).not.toContain('chokidar');
    const config = z.object({ asarUnpack: z.array(z.string()) }).parse(parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')));
    const scope = path.join(root, 'node_modules', '@parcel');
    const binaries = readdirSync(scope)
      .filter((name) => name.startsWith('watcher-'))
      .flatMap((name) => files(path.join(scope, name)))
      .filter((file) => file.endsWith('.node'))
      .map((file) => path.relative(root, file).split(path.sep).join('/'));
    expect(binaries.length).toBeGreaterThan(0);
    for (const binary of binaries) expect(config.asarUnpack.some((rule) => path.matchesGlob(binary, rule)), binary).toBe(true);
  });

  for (const entry of ['electron/main/index.ts', 'electron/cli/index.ts']) {
    it(`${entry} bundled leaves out only Node built-ins and the shipped externals`, async () => {
      const leftOut = [...(await bundleLeftOuts(entry, externals.BUNDLE_EXTERNALS))].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name));
      const allowed = new Set([...externals.BUNDLE_EXTERNALS]);
      expect(leftOut.filter((name) => !allowed.has(packageName(name)))).toEqual([]);
      for (const name of leftOut.map(packageName)) {
        if (externals.PROVIDED_BY_ELECTRON.includes(name) || externals.OPTIONAL_OF_EXTERNALS.includes(name)) continue;
        expect(shipped, `${name} is loaded at run time`).toContain(name);
      }
    }, 60_000);
  }
});
