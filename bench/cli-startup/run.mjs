// CLI start-up: `slipway version` and `slipway ps` (a one-service project that is not running)
// against a bare `node -e 0`, interleaved in the same run, so each ratio is to Node's own
// start-up on this machine at this moment. `--before DIR` adds another checkout's built CLI
// (its bin/slipway.cjs, or bin/slipway.mjs before that) to the same rounds, for a before/after.
//
//   node scripts/build.mjs cli && node bench/cli-startup/run.mjs [--runs N] [--before DIR]
//
// Uses DOCKER_HOST (or the default socket) for `ps`. Prints a JSON summary and a markdown line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? 20);
const before = arg('--before');

const dir = mkdtempSync(path.join(tmpdir(), 'slipway-bench-cli-'));
writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  app:\n    image: busybox:latest\n    command: ["sleep", "3600"]\n');

/** What is timed: each a command line run in the project folder, from spawn to exit. */
const cases = { 'node -e 0': [process.execPath, ['-e', '0']] };
/** A checkout's `slipway` command: bin/slipway.cjs, or bin/slipway.mjs in checkouts from before it. */
const command = (checkout) => ['bin/slipway.cjs', 'bin/slipway.mjs'].map((bin) => path.join(checkout, bin)).find((file) => existsSync(file));
const builds = { after: command(root), ...(before ? { before: command(path.resolve(before)) } : {}) };
for (const [label, bin] of Object.entries(builds)) {
  cases[`slipway version (${label})`] = [process.execPath, [bin, 'version']];
  cases[`slipway ps (${label})`] = [process.execPath, [bin, '-p', `benchcli${process.pid}`, 'ps']];
}

function timeOnce([cmd, args]) {
  const t0 = performance.now();
  const run = spawnSync(cmd, args, { cwd: dir, env: process.env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
try {
  for (const c of Object.values(cases)) timeOnce(c); // warm the file cache once
  for (let i = 0; i < RUNS; i++) {
    // Rotate the order each round, so no case always follows another.
    const names = Object.keys(cases);
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      times[name].push(timeOnce(cases[name]));
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const node = median(times['node -e 0']);
const summary = {
  runs: RUNS,
  loadAverage: Number(loadavg()[0].toFixed(1)),
  medianMs: Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, Math.round(median(xs))])),
  /** Each command's median ÷ `node -e 0`'s (target ≤ 2 for version and ps). */
  overNode: Object.fromEntries(Object.entries(times).filter(([k]) => k !== 'node -e 0').map(([k, xs]) => [k, Number((median(xs) / node).toFixed(2))])),
};
console.log(JSON.stringify(summary, null, 2));
const cell = (k) => `${summary.medianMs[k]} ms (${summary.overNode[k]}×)`;
for (const label of Object.keys(builds)) {
  console.log(`| ${label} | ${RUNS} | ${summary.loadAverage} | ${Math.round(node)} ms | ${cell(`slipway version (${label})`)} | ${cell(`slipway ps (${label})`)} |`);
}
