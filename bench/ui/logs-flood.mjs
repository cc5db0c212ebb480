// Benchmark: 10,000 log lines per second into the dashboard's logs view for 10 s.
// Reports frame-time p50/p95/p99/max (requestAnimationFrame deltas measured in the
// page), the renderer's JS heap over time (CDP), and how many lines were shown.
// Run after `npm run build`:  node bench/ui/logs-flood.mjs [--rate 10000] [--seconds 10]
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createFloodCore } from './flood-core.mjs';
import { CHROMIUM_ARGS, FRAME_PROBE, percentile } from './page-probes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { rate: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '10' } } });
const rate = Number(values.rate);
const seconds = Number(values.seconds);

// The serve module, bundled from source (the CLI bundle does not export it).
const outDir = path.join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const serveBundle = path.join(outDir, 'serve-for-bench.mjs');
await build({ entryPoints: [path.join(root, 'electron/serve/serve-server.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: serveBundle, logLevel: 'warning' });
const { startServe } = await import(pathToFileURL(serveBundle).href);

const core = createFloodCore({ linesPerSecond: rate });
const served = await startServe({ core, staticDir: path.join(root, 'dist', 'renderer'), port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  await page.addInitScript(FRAME_PROBE);
  const cdp = await page.context().newCDPSession(page);
  await page.goto(served.url);
  await page.getByRole('heading', { name: 'flood' }).waitFor();
  await page.getByText('No log lines yet').waitFor();
  await cdp.send('HeapProfiler.collectGarbage');
  const heapBefore = (await cdp.send('Runtime.getHeapUsage')).usedSize;

  // Baseline: the same page with no lines arriving, to tell the machine's own noise
  // (a shared, busy machine) from the cost of the flood.
  await page.evaluate('window.__recording = true');
  await new Promise((r) => setTimeout(r, 5000));
  await page.evaluate('window.__recording = false');
  const idleFrames = await page.evaluate('window.__frames.splice(0)');

  await page.evaluate('window.__recording = true');
  if (process.env.PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  core.start();
  const heap = [];
  for (let s = 0; s < seconds; s++) {
    await new Promise((r) => setTimeout(r, 1000));
    heap.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
  }
  core.stop();
  await page.evaluate('window.__recording = false');
  if (process.env.PROFILE) summarizeProfile((await cdp.send('Profiler.stop')).profile);
  const frames = await page.evaluate('window.__frames');
  const linesInView = await page.locator('.log-line').count();
  const toolbarResponsive = rate > 0 ? await measureClick(page) : NaN;
  await cdp.send('HeapProfiler.collectGarbage');
  const heapAfter = (await cdp.send('Runtime.getHeapUsage')).usedSize;

  const mb = (b) => (b / 1024 / 1024).toFixed(1);
  const result = {
    offered: `${rate} lines/s for ${seconds} s`,
    generated: core.stats.generated,
    delivered: core.stats.sent,
    deliveredPerSecond: Math.round(core.stats.sent / seconds),
    batches: core.stats.batches,
    backlogMax: core.stats.backlogMax,
    loadAverage: os.loadavg().map((l) => l.toFixed(1)).join(' '),
    idleFrameP95: percentile(idleFrames, 95).toFixed(1),
    frames: frames.length,
    frameP50: percentile(frames, 50).toFixed(1),
    frameP95: percentile(frames, 95).toFixed(1),
    frameP99: percentile(frames, 99).toFixed(1),
    frameMax: Math.max(...frames).toFixed(1),
    heapBeforeMB: mb(heapBefore),
    heapMaxMB: mb(Math.max(...heap)),
    heapEachSecondMB: heap.map(mb).join(' '),
    heapAfterGcMB: mb(heapAfter),
    linesInDom: linesInView,
    searchWhileFloodingMs: toolbarResponsive.toFixed(1),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await served.close();
}

/** Top functions by self time, for finding what costs frames (PROFILE=1). */
function summarizeProfile(profile) {
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, us] of top) console.error(`${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
}

/** While lines still render: time from typing into "Search logs" to the match count showing. */
async function measureClick(page) {
  const t0 = performance.now();
  await page.getByRole('searchbox', { name: 'Search logs' }).fill('ERROR');
  await page.getByTestId('match-count').filter({ hasText: / of / }).waitFor();
  return performance.now() - t0;
}
