// Builds everything: the renderer with Vite, and the Node side (Electron main,
// preload, CLI) with esbuild. Output in dist/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { cpSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { __SLIPWAY_VERSION__: JSON.stringify(version) },
};

const jobs = [];
if (wants('cli')) {
  // Dependencies stay in node_modules (native parts of ssh2 must not be bundled).
  jobs.push(esbuild({ ...common, entryPoints: ['electron/cli/index.ts'], outfile: 'dist/cli/slipway.mjs', format: 'esm', packages: 'external' }));
}
if (wants('electron')) {
  jobs.push(esbuild({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.mjs', format: 'esm', packages: 'external' }));
  // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
  jobs.push(esbuild({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }));
}
await Promise.all(jobs);
// The tray and window icons the Electron main loads at run time.
if (wants('electron')) cpSync(new URL('../electron/main/assets', import.meta.url), new URL('../dist/electron/assets', import.meta.url), { recursive: true });
if (wants('renderer')) {
  await viteBuild({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
