// Runs the watch benchmark: bundles watch-bench.ts with esbuild (dependencies stay in
// node_modules) and runs it. Usage: node bench/watch/run.mjs [--saves 20] [--files 50000]
// `node bench/watch/run.mjs peers [--sizes 20000,50000]` runs peers.ts instead: the watcher
// against stock chokidar, no engine needed.
// `node bench/watch/run.mjs livefile [--rounds 10]` runs livefile-bench.ts (the project file is live).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const modes = { peers: 'peers', livefile: 'livefile-bench' };
const mode = modes[process.argv[2] ?? ''];
const bench = mode ?? 'watch-bench';
const args = process.argv.slice(mode ? 3 : 2);
const out = path.join(root, 'node_modules', '.cache', 'slipway-bench', `${bench}.mjs`);
mkdirSync(path.dirname(out), { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: [`bench/watch/${bench}.ts`],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
  define: { __SLIPWAY_VERSION__: '"bench"' },
  // Generated CommonJS modules in the bundle require() their dependencies.
  banner: { js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);" },
});
const result = spawnSync(process.execPath, [out, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
