// Benchmark: the cost of live resources (issue 17, part 5).
//  1. The core's CPU with 8 containers' stats streamed for SECONDS (process.cpuUsage of a core
//     in a process of its own), against `docker stats` following the same 8 containers over
//     the same window (its CPU from /proc/PID/stat); with nothing subscribed, the open streams.
//  2. The dashboard's frame time (requestAnimationFrame deltas, Chromium) on the same project,
//     without sparklines (the subscription answered without a stream) and with them.
// Run after `npm run build`, against an engine with the stand-in busybox:latest:
//   DOCKER_HOST=unix:///path/to/docker.sock node bench/stats/run.mjs [--seconds 60] [--frames 15]
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, FRAME_PROBE, percentile } from '../ui/page-probes.mjs';
import { benchDockerHost } from '../docker-client.mjs';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, frames: { type: 'string', default: '15' } } });
const seconds = Number(values.seconds);
const frameSeconds = Number(values.frames);
const env = { ...process.env, DOCKER_HOST: benchDockerHost };
const docker = process.env.DOCKER_CLI ?? '/usr/bin/docker';
const cli = path.join(root, 'dist/cli/slipway.cjs');

// Bundles under dist/ (the linter skips it; their packages resolve from node_modules beside it).
const outDir = mkdtempSync(path.join(root, 'dist', 'statsbench-'));
const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'error', banner, define: { __SLIPWAY_VERSION__: '"bench"' } };
const coreBundle = path.join(outDir, 'stats-core-for-bench.mjs');
const serveBundle = path.join(outDir, 'stats-serve-for-bench.mjs');
await build({ ...common, entryPoints: ['electron/core/slipway-core.ts'], outfile: coreBundle });
await build({ ...common, entryPoints: ['electron/serve/serve-server.ts'], outfile: serveBundle });

// Eight services that do a little work (a wake-up every 100 ms), as a dev stack idles.
const project = `statsbench${process.pid}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'slipway-statsbench-'));
const services = Array.from({ length: 8 }, (_, i) => `  s${i + 1}:\n    image: busybox:latest\n    init: true\n    network_mode: none\n    command: ["sh", "-c", "while :; do sleep 0.1; done"]\n`).join('');
writeFileSync(path.join(dir, 'compose.yaml'), `services:\n${services}`);
const slipway = (...args) => run(process.execPath, [cli, '-p', project, ...args], { env, cwd: dir });
await slipway('up', '-d');

/** CPU seconds (user + system) a process has used, from /proc/PID/stat. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime, in clock ticks (100 a second on Linux)
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The core's open stats streams once they dropped to zero, or after 5 s. */
async function streamsAfterAWhile(core) {
  const until = Date.now() + 5000;
  while (core.stats().openStreams() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  return core.stats().openStreams();
}

try {
  // 1. The core's CPU, docker stats' CPU over the same window.
  const loadBefore = os.loadavg()[0];
  const child = spawn(process.execPath, [path.join(root, 'bench/stats/core-stream.mjs'), pathToFileURL(coreBundle).href, project, String(seconds)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let dockerCpu;
  const result = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const lines = out.split('\n');
      out = lines.pop();
      for (const line of lines) {
        const parsed = JSON.parse(line);
        if (parsed.phase !== 'streaming') return resolve(parsed);
        // The same window for docker stats, following the same containers.
        const names = Array.from({ length: 8 }, (_, i) => `${project}-s${i + 1}-1`);
        const stats = spawn(docker, ['stats', '--format', '{{json .}}', ...names], { env, stdio: ['ignore', 'ignore', 'inherit'] });
        const start = cpuSeconds(stats.pid);
        dockerCpu = new Promise((done) => setTimeout(() => {
          const used = cpuSeconds(stats.pid) - start;
          stats.kill();
          done((used / seconds) * 100);
        }, seconds * 1000));
      }
    });
    child.on('error', reject);
  });
  const dockerStatsCpuPercent = await dockerCpu;
  const loadAfter = os.loadavg()[0];

  // 2. Frame time with and without sparklines.
  const { SlipwayCore } = await import(pathToFileURL(coreBundle).href);
  const { startServe } = await import(pathToFileURL(serveBundle).href);
  const core = new SlipwayCore({ env });
  await core.call('projects.open', { path: dir, projectName: project });
  const realSubscribe = core.handlers['stats.subscribe'];
  const served = await startServe({ core, staticDir: path.join(root, 'dist', 'renderer'), port: 0 });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const frames = {};
  try {
    for (const mode of ['without', 'with']) {
      // A page of its own per mode (the token is in the address's hash: a second goto would not reload).
      core.handlers['stats.subscribe'] = mode === 'with' ? realSubscribe : async () => ({ subscriptionId: 'bench-no-stream' });
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      await page.addInitScript(FRAME_PROBE);
      await page.goto(served.url);
      await page.getByRole('heading', { name: project }).waitFor();
      await page.locator('tr[data-service="s8"][data-state="running"]').waitFor();
      if (mode === 'with') await page.getByRole('img', { name: 'CPU of s8' }).waitFor({ timeout: 120_000 });
      await page.evaluate('window.__frames.splice(0); window.__recording = true');
      await new Promise((resolve) => setTimeout(resolve, frameSeconds * 1000));
      await page.evaluate('window.__recording = false');
      const deltas = await page.evaluate('window.__frames.splice(0)');
      frames[mode] = { frames: deltas.length, p50: percentile(deltas, 50).toFixed(1), p95: percentile(deltas, 95).toFixed(1), streams: core.stats().openStreams() };
      if (mode === 'with') {
        // The page hidden (a minimised window, a background tab): the view unsubscribes.
        await page.evaluate("Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }); document.dispatchEvent(new Event('visibilitychange'))");
        frames.streamsWhenHidden = await streamsAfterAWhile(core);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await served.close?.();
  }
  // The page is gone: its WebSocket client's subscription is closed for it.
  const leftOpen = await streamsAfterAWhile(core);
  await core.dispose();
  console.log(JSON.stringify({
    seconds,
    containers: result.running,
    loadAverage1m: `${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} (2 cores)`,
    nothingShown: { streams: result.idleStreams, coreCpuPercent: result.idleCpuPercent.toFixed(2) },
    streamed: { streams: result.streams, samples: result.samples, coreCpuPercent: result.streamCpuPercent.toFixed(2), dockerStatsCpuPercent: dockerStatsCpuPercent.toFixed(2), ratio: (result.streamCpuPercent / dockerStatsCpuPercent).toFixed(2), afterUnsubscribe: result.afterStreams },
    page: { ...frames, streamsAfterPageClosed: leftOpen },
  }, null, 2));
} finally {
  await slipway('down').catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
}
process.exit(0);
