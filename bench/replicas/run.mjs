// Replicas: `slipway up -d --scale web=N` against Debian's `docker-compose up -d --scale web=N`
// on the same engine, alternating which goes first: from nothing to 6 replicas, down to 2
// (the surplus stopped and removed), back up to 6 (only the missing ones created).
//
//   node scripts/build.mjs cli && node bench/replicas/run.mjs [--runs N]
//
// Uses DOCKER_HOST (or the default socket). Prints a JSON summary and a markdown table.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDocker } from '../docker-client.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const slipwayBin = path.join(root, 'bin/slipway.cjs');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const STEPS = [['fresh up to 6', 6], ['scale down to 2', 2], ['scale up to 6', 6]];

const dir = mkdtempSync(path.join(tmpdir(), 'slipway-bench-replicas-'));
copyFileSync(new URL('./compose.yaml', import.meta.url), path.join(dir, 'compose.yaml'));
const docker = benchDocker();

const tools = {
  slipway: (project, args) => [process.execPath, [slipwayBin, '-p', project, ...args]],
  compose: (project, args) => ['docker-compose', ['-p', project, ...args]],
};

function run(tool, project, args) {
  const [cmd, argv] = tools[tool](project, args);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: dir, env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
}

/** The running replicas of the project, by number: what each step must leave behind. */
async function runningNumbers(project) {
  const list = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`], status: ['running'] } });
  return list.map((c) => Number(c.Labels['com.docker.compose.container-number'])).sort((a, b) => a - b);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const times = { slipway: STEPS.map(() => []), compose: STEPS.map(() => []) };
const left = { slipway: [], compose: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    for (const tool of i % 2 === 0 ? ['slipway', 'compose'] : ['compose', 'slipway']) {
      const project = `benchrep${tool}${process.pid}x${i}`;
      try {
        for (const [s, [, replicas]] of STEPS.entries()) {
          times[tool][s].push(await run(tool, project, ['up', '-d', '--scale', `web=${replicas}`]));
          left[tool].push((await runningNumbers(project)).join(','));
        }
      } finally {
        await run(tool, project, ['down', '-t', '1']);
      }
    }
    process.stderr.write(`run ${i + 1}/${RUNS}: ${STEPS.map(([name], s) => `${name}: slipway ${Math.round(times.slipway[s].at(-1))} ms, docker-compose ${Math.round(times.compose[s].at(-1))} ms`).join('; ')}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const summary = {
  runs: RUNS,
  loadAverage: Number(loadavg()[0].toFixed(1)),
  /** Which replicas each step left running, the same for both tools (Compose numbers on from the highest). */
  sameReplicas: left.slipway.join(' ') === left.compose.join(' '),
  replicasAfterEachStep: left.slipway.slice(0, STEPS.length),
  steps: STEPS.map(([name], s) => ({
    step: name,
    slipwayMedianMs: Math.round(median(times.slipway[s])),
    composeMedianMs: Math.round(median(times.compose[s])),
    ratio: Number((median(times.slipway[s]) / median(times.compose[s])).toFixed(3)),
  })),
};
console.log(JSON.stringify(summary, null, 2));
console.log('\n| step | docker-compose | slipway | ratio |\n| --- | --- | --- | --- |');
for (const s of summary.steps) console.log(`| ${s.step} | ${s.composeMedianMs} ms | ${s.slipwayMedianMs} ms | **${s.ratio}×** |`);
