// Builds everything: the renderer with Vite, and the Node side (Electron main,
// preload, CLI) with esbuild. Output in dist/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { cliBundles, esmBundle, nodeCommon } from './node-bundles.mjs';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

const common = nodeCommon(root, version);

// The Compose-spec validator is plain code generated from the bundled schema (no compile at run time).
if (wants('cli') || wants('electron')) {
  const generated = spawnSync(process.execPath, ['scripts/generate-compose-validator.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}

const jobs = [];
if (wants('cli')) jobs.push(cliBundles(common, 'dist/cli'));
if (wants('electron')) {
  // The main process is bundled like the CLI, so the installer carries only what the bundles leave out.
  jobs.push(esmBundle(common, 'main', 'electron/main/index.ts', 'dist/electron'));
  // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
  jobs.push(esbuild({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }));
}
await Promise.all(jobs);
// The tray and window icons the Electron main loads at run time.
if (wants('electron')) cpSync(new URL('../electron/main/assets', import.meta.url), new URL('../dist/electron/assets', import.meta.url), { recursive: true });
if (wants('renderer')) {
  await viteBuild({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
