// Pull time from a registry that needs a login: `slipway pull` (the command) and `images.pull`
// (the core call the dashboard's Pull makes) against `docker pull` and `docker-compose pull`,
// on the same engine and the same image, in one run of this script.
//
//   npm run build && DOCKER_HOST=unix:///path/to/docker.sock node bench/pull/run.mjs [--runs N] [--mb M]
//
// Starts Debian's docker-registry with htpasswd on 127.0.0.1, pushes an image of three layers
// of M MiB random data each (busybox underneath), and before every pull removes it locally;
// all four read the login from the same DOCKER_CONFIG. Medians of N runs, rotating which goes first.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDocker } from '../docker-client.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const RUNS = arg('--runs', 5);
const MB = arg('--mb', 16);
const docker = benchDocker();
const dir = mkdtempSync(path.join(tmpdir(), 'swbp-'));
const project = `benchpull${process.pid}`;
const user = 'bench';
const password = `pw-${Math.random().toString(36).slice(2)}`;

/** Runs a command to its end; resolves with its wall-clock milliseconds. */
function timed(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: dir, env: { ...process.env, DOCKER_CONFIG: path.join(dir, 'config'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${out.slice(-800)}`))));
  });
}

/** docker-registry on a port it picks, behind htpasswd; resolves with its address. */
async function startRegistry() {
  writeFileSync(path.join(dir, 'htpasswd'), execFileSync('htpasswd', ['-Bbn', user, password], { encoding: 'utf8' }));
  writeFileSync(path.join(dir, 'registry.yml'), `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/registry\nhttp:\n  addr: 127.0.0.1:0\nauth:\n  htpasswd:\n    realm: bench\n    path: ${dir}/htpasswd\n`);
  const child = spawn('/usr/bin/docker-registry', ['serve', path.join(dir, 'registry.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const address = await new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (d) => {
      log += d;
      const port = /listening on 127\.0\.0\.1:(\d+)/.exec(log)?.[1];
      if (port) resolve(`127.0.0.1:${port}`);
    });
    child.on('exit', (code) => reject(new Error(`docker-registry exited ${code}: ${log.slice(-500)}`)));
  });
  child.stderr.resume();
  return { address, stop: () => child.kill('SIGTERM') };
}

/** The bench image: busybox plus three layers of random bytes, pushed, then removed here. */
async function pushImage(image) {
  const layers = [1, 2, 3].map((n) => `RUN head -c ${MB}m /dev/urandom > /data${n}`).join('\n');
  writeFileSync(path.join(dir, 'Dockerfile'), `FROM busybox:latest\n${layers}\n`);
  await timed('docker', ['build', '--network', 'none', '-t', image, '.'], { DOCKER_BUILDKIT: '0' });
  await timed('docker', ['push', image]);
  await timed('docker', ['rmi', image]);
}

let core;
/** The core bundled from source, in this process: images.pull as the dashboard calls it. */
async function startCore() {
  const { build } = await import('esbuild');
  const outfile = path.join(root, 'dist', 'bench', 'pull-core.mjs');
  await build({ absWorkingDir: root, entryPoints: ['electron/core/slipway-core.ts'], bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', outfile, logLevel: 'warning', define: { __SLIPWAY_VERSION__: '"bench"' }, banner: { js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);" } });
  const { SlipwayCore } = await import(outfile);
  core = new SlipwayCore({ env: { ...process.env, DOCKER_CONFIG: path.join(dir, 'config'), COMPOSE_PROJECT_NAME: project } });
  await core.projects.openProject({ cwd: dir });
}

async function corePull() {
  const started = process.hrtime.bigint();
  await core.client().runTask('images.pull', { projectId: project });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let registry;
try {
  registry = await startRegistry();
  const image = `${registry.address}/bench/pull:1`;
  const config = { auths: { [registry.address]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } } };
  execFileSync('mkdir', ['-p', path.join(dir, 'config')]);
  writeFileSync(path.join(dir, 'config', 'config.json'), JSON.stringify(config));
  // docker-compose 1.29 refuses a top-level name:, so the project is named by -p / COMPOSE_PROJECT_NAME.
  writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  app:\n    image: ${image}\n`);
  await pushImage(image);
  await startCore();
  const tools = {
    docker: () => timed('docker', ['pull', '-q', image]),
    compose: () => timed('docker-compose', ['-p', project, 'pull', '-q']),
    slipway: () => timed(process.execPath, [path.join(root, 'bin/slipway.cjs'), '-p', project, 'pull', '-q']),
    core: () => corePull(),
  };
  const names = Object.keys(tools);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < RUNS + 1; i++) {
    const order = names.map((_, k) => names[(i + k) % names.length]);
    for (const name of order) {
      await docker.getImage(image).remove({ force: true }).catch(() => undefined);
      const ms = await tools[name]();
      if (i > 0) times[name].push(ms); // the first round warms the engine and the page cache
    }
  }
  const med = Object.fromEntries(names.map((n) => [n, median(times[n])]));
  console.log(JSON.stringify({ runs: RUNS, layerMiB: MB, medianMs: med, samples: times }, null, 2));
  const f = (n) => `${n.toFixed(0)} ms`;
  console.log(`| pull of 3 × ${MB} MiB layers (median of ${RUNS}) | docker pull ${f(med.docker)} · docker-compose pull ${f(med.compose)} · images.pull ${f(med.core)} = **${(med.core / med.docker).toFixed(2)}×** docker, ${(med.core / med.compose).toFixed(2)}× compose · slipway pull ${f(med.slipway)} = ${(med.slipway / med.docker).toFixed(2)}× docker, ${(med.slipway / med.compose).toFixed(2)}× compose |`);
  if (readFileSync(path.join(dir, 'config', 'config.json'), 'utf8') !== JSON.stringify(config)) throw new Error('a client rewrote the login file');
} finally {
  await core?.dispose();
  registry?.stop();
  rmSync(dir, { recursive: true, force: true });
}
