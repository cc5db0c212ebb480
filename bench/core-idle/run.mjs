// Memory and idle CPU of the core with the reference stack open (bench/up/compose.yaml, all
// eight services running and healthy, one of them with a develop.watch rule): the state feed,
// a logs subscription and the file watcher running, in a process of its own (core-idle.mjs).
// Targets (issue 16): ≤ 120 MB RSS, ≤ 0.5 % of a core.
//
//   node scripts/build.mjs cli && node bench/core-idle/run.mjs [--seconds 60]
//
// Uses DOCKER_HOST (or the default socket). Prints a JSON summary and a markdown line.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 60;
const cli = path.join(root, 'bin/slipway.cjs');

const cacheDir = path.join(root, 'node_modules/.cache/slipway-bench');
mkdirSync(cacheDir, { recursive: true });
const coreBundle = path.join(cacheDir, `core-idle-${process.pid}.mjs`);
// CommonJS parts of a bundle may require() at run time.
const banner = { js: "import { createRequire as __slipwayCreateRequire } from 'node:module'; const require = __slipwayCreateRequire(import.meta.url);" };
await build({ absWorkingDir: root, entryPoints: ['electron/core/slipway-core.ts'], outfile: coreBundle, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'error', banner, define: { __SLIPWAY_VERSION__: '"bench"' } });

// The reference stack, with a folder of 200 source files synced into `web`.
const dir = mkdtempSync(path.join(tmpdir(), 'slipway-bench-idle-'));
const name = `benchidle${process.pid}`;
const compose = readFileSync(new URL('../up/compose.yaml', import.meta.url), 'utf8')
  .replace('\n  web:\n    <<: *healthy\n', (web) => `${web}    develop:\n      watch:\n        - { action: sync, path: ./src, target: /app/src }\n`);
if (!compose.includes('develop:')) throw new Error('bench/up/compose.yaml changed: could not add the watch rule to web');
writeFileSync(path.join(dir, 'compose.yaml'), compose);
mkdirSync(path.join(dir, 'src'));
for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, 'src', `file${i}.js`), `export const n = ${i};\n`);
const env = { ...process.env, SLIPWAY_CONFIG_DIR: path.join(dir, 'config') };

const cliRun = (args) => {
  const run = spawnSync(process.execPath, [cli, '-p', name, ...args], { cwd: dir, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`slipway ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
};

let result;
try {
  cliRun(['up', '--wait']);
  result = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./core-idle.mjs', import.meta.url)), coreBundle, dir, name, String(SECONDS)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`core-idle.mjs exited ${code}`))));
  });
} finally {
  try {
    cliRun(['down', '-t', '1']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(coreBundle, { force: true });
  }
}

const summary = { ...result, loadAverage: Number(loadavg()[0].toFixed(1)) };
console.log(JSON.stringify(summary, null, 2));
console.log(`| ${summary.seconds} s | ${summary.loadAverage} | ${summary.services} | ${summary.rssMaxMb} MB (last ${summary.rssLastMb} MB) | ${summary.heapUsedMb} MB | ${summary.idleCpuPercent} % |`);
