// Ordered up to all-ready: `slipway up --wait` against Debian's `docker-compose up -d` plus
// waiting for every service to be healthy (from Docker's events, the same way for both),
// alternating runs on the same engine. Each tool is judged by its overhead above the stack's floor
// (bench/up/floor.mjs): all-ready minus the longest dependency path of start → ready times.
// Also a no-op `up` of each tool.
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
import { allReady, measureRun, newEventLog, readStack, readyAt, recordEvent, timeline } from './floor.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const slipwayBin = path.join(root, 'bin/slipway.cjs');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const STACK = readStack(fileURLToPath(new URL('./compose.yaml', import.meta.url)));

/** Mean time from a service's last dependency turning ready to its own start (reaction + Docker's start). */
function gateGap(log) {
  const gated = [...STACK].filter(([, s]) => s.deps.length > 0);
  const gaps = gated.map(([name, s]) => log.start.get(name) - Math.max(...s.deps.map((d) => readyAt(STACK, log, d))));
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

/** Subscribes to the project's container events; resolves `ready` when every service is ready. */
async function watchProject(project) {
  const stream = await docker.getEvents({ filters: { type: ['container'], label: [`com.docker.compose.project=${project}`] } });
  const log = newEventLog();
  let resolveReady;
  const ready = new Promise((r) => (resolveReady = r));
  let buffered = '';
  stream.on('data', (chunk) => {
    buffered += chunk.toString();
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line && recordEvent(log, JSON.parse(line)) && allReady(STACK, log)) resolveReady();
    }
  });
  return { log, ready, stop: () => stream.destroy() };
}

/** Runs one tool's up and measures it against the floor; the engine's clock is this machine's. */
async function timeUp(project, cmd, args) {
  const watch = await watchProject(project);
  const spawnedAt = performance.timeOrigin + performance.now();
  await exec(cmd, args);
  const exitedAt = performance.timeOrigin + performance.now();
  await watch.ready;
  watch.stop();
  return { ...measureRun(STACK, watch.log, spawnedAt, exitedAt), gap: gateGap(watch.log), timeline: timeline(STACK, watch.log, spawnedAt) };
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

/** Each tool's measured runs ({ allReadyMs, floorMs, overheadMs, gap, timeline }) and no-op ups. */
const runs = { slipway: [], compose: [] };
const noop = { slipway: [], compose: [] };
const COMMAND = { slipway: [process.execPath, [slipwayBin]], compose: ['docker-compose', []] };
const up = (tool, project, args) => exec(COMMAND[tool][0], [...COMMAND[tool][1], '-p', project, ...args]);
const UP_ARGS = { slipway: ['up', '--wait'], compose: ['up', '-d'] };
try {
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? ['slipway', 'compose'] : ['compose', 'slipway'];
    for (const tool of order) {
      const project = `benchup${tool}${process.pid}x${i}`;
      runs[tool].push(await timeUp(project, COMMAND[tool][0], [...COMMAND[tool][1], '-p', project, ...UP_ARGS[tool]]));
      noop[tool].push(await timed(() => up(tool, project, UP_ARGS[tool])));
      await up(tool, project, ['down', '-t', '1']);
    }
    const line = (tool) => `${tool} ${Math.round(runs[tool].at(-1).allReadyMs)} ms (floor ${Math.round(runs[tool].at(-1).floorMs)}, overhead ${Math.round(runs[tool].at(-1).overheadMs)})`;
    process.stderr.write(`run ${i + 1}/${RUNS}: ${line('slipway')}, ${line('compose')}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const of = (tool, key) => runs[tool].map((r) => r[key]);
const med = (tool, key) => Math.round(median(of(tool, key)));
const summary = {
  runs: RUNS,
  /** The machine is shared: its 1-minute load average at the end of the run. */
  loadAverage: Number(loadavg()[0].toFixed(1)),
  slipwayMedianMs: med('slipway', 'allReadyMs'),
  composeMedianMs: med('compose', 'allReadyMs'),
  /** The stack's own floor (longest dependency path of start → ready), in each tool's runs. */
  floorSlipwayMedianMs: med('slipway', 'floorMs'),
  floorComposeMedianMs: med('compose', 'floorMs'),
  floorPath: runs.slipway[0].floorPath.join(' → '),
  overheadSlipwayMedianMs: med('slipway', 'overheadMs'),
  overheadComposeMedianMs: med('compose', 'overheadMs'),
  /** Slipway's overhead above the floor ÷ docker-compose's (target ≤ 0.5). */
  overheadRatio: Number((median(of('slipway', 'overheadMs')) / median(of('compose', 'overheadMs'))).toFixed(3)),
  /** Median of each run's own overhead ratio (the two tools ran back to back): steadier when the load drifts. */
  overheadPairRatioMedian: Number(median(runs.slipway.map((r, i) => r.overheadMs / runs.compose[i].overheadMs)).toFixed(3)),
  gateGapSlipwayMedianMs: med('slipway', 'gap'),
  gateGapComposeMedianMs: med('compose', 'gap'),
  noopSlipwayMedianMs: Math.round(median(noop.slipway)),
  noopComposeMedianMs: Math.round(median(noop.compose)),
  slipwayOverheadRunsMs: of('slipway', 'overheadMs').map(Math.round),
  composeOverheadRunsMs: of('compose', 'overheadMs').map(Math.round),
};
console.log(JSON.stringify(summary, null, 2));
console.log(`\nTimeline of the last run, ms from the command's spawn (Docker's events).\n\nslipway up --wait:\n\n${runs.slipway.at(-1).timeline}\n\ndocker-compose up -d:\n\n${runs.compose.at(-1).timeline}\n`);
const s = summary;
console.log(`| ${s.runs} | ${s.loadAverage} | ${s.slipwayMedianMs} / ${s.composeMedianMs} ms | ${s.floorSlipwayMedianMs} / ${s.floorComposeMedianMs} ms | ${s.overheadSlipwayMedianMs} / ${s.overheadComposeMedianMs} ms | **${s.overheadRatio}×** (pairs ${s.overheadPairRatioMedian}×) | ${s.gateGapSlipwayMedianMs} / ${s.gateGapComposeMedianMs} ms | ${s.noopSlipwayMedianMs} / ${s.noopComposeMedianMs} ms |`);
