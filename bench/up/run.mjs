// Ordered up to all-ready: `slipway up --wait` against Debian's `docker-compose up -d` plus
// waiting for every service to be healthy (from Docker's events, the same way for both),
// alternating runs on the same engine. Also a no-op `up` of each tool.
//
//   node scripts/build.mjs cli && node bench/up/run.mjs [--runs N]
//
// Uses DOCKER_HOST (or the default socket). Prints a JSON summary and a markdown line.
import { spawn } from 'node:child_process';
import { mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDocker } from '../docker-client.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const slipwayBin = path.join(root, 'bin/slipway.mjs');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const SERVICES = ['db', 'cache', 'api', 'auth', 'worker', 'gateway', 'web', 'admin'];
const CHAIN = ['db', 'api', 'gateway', 'web'];
/** The gated services along the chain and what each waits for. */
const GATES = { api: ['db', 'cache'], gateway: ['api', 'auth'], web: ['gateway'] };

/** Mean time from a service's last dependency turning healthy to its own start (reaction + Docker's start). */
function gateGap(watch) {
  const gaps = Object.entries(GATES).map(([s, deps]) => watch.starts.get(s) - Math.max(...deps.map((d) => watch.healthy.get(d).at)));
  return gaps.reduce((a, b) => a + b, 0) / gaps.length;
}

const docker = benchDocker();

const dir = mkdtempSync(path.join(tmpdir(), 'slipway-bench-up-'));
copyFileSync(new URL('./compose.yaml', import.meta.url), path.join(dir, 'compose.yaml'));

function exec(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: dir, env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
}

/** Subscribes to the project's container events; resolves `allHealthy` when every service reported healthy. */
async function watchProject(project) {
  const stream = await docker.getEvents({ filters: { type: ['container'], label: [`com.docker.compose.project=${project}`] } });
  const starts = new Map();
  const healthy = new Map();
  let resolveAll;
  const allHealthy = new Promise((r) => (resolveAll = r));
  let buffered = '';
  stream.on('data', (chunk) => {
    buffered += chunk.toString();
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      const event = JSON.parse(line);
      const service = event.Actor?.Attributes?.['com.docker.compose.service'];
      const at = event.timeNano / 1e6;
      if (event.Action === 'start' && !starts.has(service)) starts.set(service, at);
      if (event.Action === 'health_status: healthy' && !healthy.has(service)) {
        healthy.set(service, { at, local: performance.now() });
        if (SERVICES.every((s) => healthy.has(s))) resolveAll(performance.now());
      }
    }
  });
  return { starts, healthy, allHealthy, stop: () => stream.destroy() };
}

async function timeSlipway(project) {
  const watch = await watchProject(project);
  const t0 = performance.now();
  await exec(process.execPath, [slipwayBin, '-p', project, 'up', '--wait']);
  const exited = performance.now();
  const lastHealthy = await watch.allHealthy;
  watch.stop();
  const critical = CHAIN.reduce((sum, s) => sum + (watch.healthy.get(s).at - watch.starts.get(s)), 0);
  return { ms: Math.max(exited, lastHealthy) - t0, critical, gap: gateGap(watch) };
}

async function timeCompose(project) {
  const watch = await watchProject(project);
  const t0 = performance.now();
  await exec('docker-compose', ['-p', project, 'up', '-d']);
  const exited = performance.now();
  const lastHealthy = await watch.allHealthy;
  watch.stop();
  return { ms: Math.max(exited, lastHealthy) - t0, gap: gateGap(watch) };
}

async function timed(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const slipway = [];
const compose = [];
const critical = [];
const gapSlipway = [];
const gapCompose = [];
const noopSlipway = [];
const noopCompose = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? ['slipway', 'compose'] : ['compose', 'slipway'];
    for (const tool of order) {
      const project = `benchup${tool}${process.pid}x${i}`;
      if (tool === 'slipway') {
        const r = await timeSlipway(project);
        slipway.push(r.ms);
        critical.push(r.critical);
        gapSlipway.push(r.gap);
        noopSlipway.push(await timed(() => exec(process.execPath, [slipwayBin, '-p', project, 'up', '--wait'])));
        await exec(process.execPath, [slipwayBin, '-p', project, 'down', '-t', '1']);
      } else {
        const r = await timeCompose(project);
        compose.push(r.ms);
        gapCompose.push(r.gap);
        noopCompose.push(await timed(() => exec('docker-compose', ['-p', project, 'up', '-d'])));
        await exec('docker-compose', ['-p', project, 'down', '-t', '1']);
      }
    }
    process.stderr.write(`run ${i + 1}/${RUNS}: slipway ${Math.round(slipway.at(-1))} ms, docker-compose ${Math.round(compose.at(-1))} ms, critical path ${Math.round(critical.at(-1))} ms\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const summary = {
  runs: RUNS,
  /** The machine is shared: its 1-minute load average at the end of the run. */
  loadAverage: Number(loadavg()[0].toFixed(1)),
  slipwayMedianMs: Math.round(median(slipway)),
  composeMedianMs: Math.round(median(compose)),
  ratio: Number((median(slipway) / median(compose)).toFixed(3)),
  /** Median of each run's own ratio (the two tools ran back to back): steadier when the load drifts. */
  pairRatioMedian: Number(median(slipway.map((ms, i) => ms / compose[i])).toFixed(3)),
  criticalPathMedianMs: Math.round(median(critical)),
  slipwayOverCriticalPath: Number((median(slipway) / median(critical)).toFixed(3)),
  gateGapSlipwayMedianMs: Math.round(median(gapSlipway)),
  gateGapComposeMedianMs: Math.round(median(gapCompose)),
  noopSlipwayMedianMs: Math.round(median(noopSlipway)),
  noopComposeMedianMs: Math.round(median(noopCompose)),
  slipwayRunsMs: slipway.map(Math.round),
  composeRunsMs: compose.map(Math.round),
};
console.log(JSON.stringify(summary, null, 2));
console.log(`| ${summary.runs} | ${summary.loadAverage} | ${summary.slipwayMedianMs} ms | ${summary.composeMedianMs} ms | **${summary.ratio}×** (pairs ${summary.pairRatioMedian}×) | ${summary.criticalPathMedianMs} ms (${summary.slipwayOverCriticalPath}×) | ${summary.gateGapSlipwayMedianMs} ms / ${summary.gateGapComposeMedianMs} ms | ${summary.noopSlipwayMedianMs} ms | ${summary.noopComposeMedianMs} ms |`);
