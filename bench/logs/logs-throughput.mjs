// Logs throughput: `docker logs` vs `slipway logs` (the built CLI) vs the core's batch
// API, on the same container in the same run; and the core's memory while its rings
// hold every line. Needs a running engine (DOCKER_HOST or the default socket) with
// busybox:latest, and the built CLI (`node scripts/build.mjs cli`, dist/cli/slipway.mjs).
//
//   node bench/logs/logs-throughput.mjs [LINES] [ROUNDS]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDocker, benchDockerHost } from '../docker-client.mjs';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LINES = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const host = benchDockerHost;
const docker = benchDocker();
const dockerCli = ['/usr/bin/docker', '/usr/local/bin/docker'].find((p) => existsSync(p)) ?? 'docker';

const cacheDir = path.join(root, 'node_modules/.cache/slipway-bench');
mkdirSync(cacheDir, { recursive: true });
const coreBundle = path.join(cacheDir, `core-${process.pid}.mjs`);
const cli = path.join(root, 'dist/cli/slipway.cjs');
if (!existsSync(cli)) throw new Error('dist/cli/slipway.cjs is missing: run `node scripts/build.mjs cli` first');
// CommonJS parts of a bundle may require() at run time.
const banner = { js: "import { createRequire as __slipwayCreateRequire } from 'node:module'; const require = __slipwayCreateRequire(import.meta.url);" };
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'error', banner, define: { __SLIPWAY_VERSION__: '"bench"' } };
await build({ ...common, entryPoints: ['electron/core/slipway-core.ts'], outfile: coreBundle });

const project = `slbench${process.pid}`;
const container = await docker.createContainer({
  name: `${project}-chatty-1`,
  Image: 'busybox:latest',
  Cmd: ['sh', '-c', `seq 1 ${LINES} | sed 's/^/line /'`],
  Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'chatty', 'com.docker.compose.container-number': '1', 'com.docker.compose.oneoff': 'False' },
  HostConfig: { NetworkMode: 'none' },
});

/** Runs a command, counts the newlines it writes to stdout; returns lines and seconds. */
function timed(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (chunk) => {
      let i = -1;
      while ((i = chunk.indexOf(10, i + 1)) !== -1) lines++;
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve({ lines, seconds: (performance.now() - t0) / 1000 }) : reject(new Error(`${command} exited ${code}`))));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  await container.start();
  await container.wait();
  const env = { ...process.env, DOCKER_HOST: host, NO_COLOR: '1' };
  const runs = { docker: [], cli: [], core: [] };
  let memory;
  for (let round = 0; round < ROUNDS; round++) {
    const d = await timed(dockerCli, ['logs', container.id], env);
    const s = await timed(process.execPath, [cli, '-p', project, 'logs', '--no-color'], env);
    const coreRun = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(new URL('./core-api.mjs', import.meta.url)), coreBundle, project, String(LINES)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.once('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`core run exited ${code}`))));
    });
    for (const [name, r] of [['docker logs', d], ['slipway logs', s], ['core batch API', coreRun]]) {
      if (r.lines !== LINES) throw new Error(`${name} gave ${r.lines} lines, expected ${LINES}`);
    }
    runs.docker.push(LINES / d.seconds);
    runs.cli.push(LINES / s.seconds);
    runs.core.push(coreRun.linesPerSecond);
    memory = coreRun;
    process.stderr.write(`round ${round + 1}: docker logs ${Math.round(LINES / d.seconds)}/s, slipway logs ${Math.round(LINES / s.seconds)}/s, core API ${coreRun.linesPerSecond}/s\n`);
  }
  const dockerRate = median(runs.docker);
  const result = {
    lines: LINES,
    rounds: ROUNDS,
    dockerLogsLinesPerSec: Math.round(dockerRate),
    slipwayLogsLinesPerSec: Math.round(median(runs.cli)),
    coreApiLinesPerSec: Math.round(median(runs.core)),
    slipwayVsDocker: Math.round((median(runs.cli) / dockerRate) * 100) / 100,
    coreVsDocker: Math.round((median(runs.core) / dockerRate) * 100) / 100,
    coreMemoryHoldingAllLines: { ringLines: memory.ringLines, rssMb: memory.rssMb, heapUsedMb: memory.heapUsedMb, externalMb: memory.externalMb, baselineRssMb: memory.baselineRssMb },
    searchOverAllLines: { substringMs: memory.searchSubstringMs, regexMs: memory.searchRegexMs },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await container.remove({ force: true }).catch(() => undefined);
  rmSync(coreBundle, { force: true });
}
