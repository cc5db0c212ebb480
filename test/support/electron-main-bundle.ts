import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { record } from './fake-electron';

export type FakeElectronRecord = typeof record;

/**
 * Bundles the real Electron main process with 'electron' replaced by the recording
 * stand-in (fake-electron.ts) into `outDir/electron/main.mjs`, next to a tiny renderer
 * folder, so tests can run it in Node where the Electron binary cannot be installed.
 */
export async function bundleMainWithFakeElectron(outDir: string): Promise<string> {
  const root = process.cwd();
  mkdirSync(path.join(outDir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(outDir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  const outfile = path.join(outDir, 'electron', 'main.mjs');
  await build({
    entryPoints: [path.join(root, 'electron', 'main', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    plugins: [
      {
        name: 'fake-electron',
        setup(b) {
          b.onResolve({ filter: /^electron$/ }, () => ({ path: path.join(root, 'test', 'support', 'fake-electron.ts') }));
          // Bundle electron-store so its own 'electron' import gets the stand-in too.
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path === 'electron-store' ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  return outfile;
}

/** Runs the bundle (the app starts as Electron would start it) and returns the recorder. */
export async function startMainBundle(file: string): Promise<FakeElectronRecord> {
  await import(pathToFileURL(file).href);
  return (globalThis as unknown as { __fakeElectron: FakeElectronRecord }).__fakeElectron;
}
