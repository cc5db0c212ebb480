// Benchmark: time to a first interactive dashboard. Starts the built `slipway serve`
// on test/fixtures/dashboard against the engine in DOCKER_HOST, then loads the page
// five times in fresh browser contexts and times goto → the services table showing
// every service's state with the "Up" button enabled.
// Run after `npm run build`:  DOCKER_HOST=unix:///path/to/docker.sock node bench/ui/first-interactive.mjs
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, percentile } from './page-probes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = path.join(root, 'test', 'fixtures', 'dashboard');
const runs = 5;

const t0 = performance.now();
const child = spawn(process.execPath, [path.join(root, 'bin', 'slipway.cjs'), '-p', `benchui${process.pid}`, 'serve', '--no-open', '--port', '0'], { cwd: fixture, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
child.stderr.on('data', (d) => (output += d));
const url = await new Promise((resolve, reject) => {
  child.stdout.on('data', (d) => {
    output += d;
    const m = output.match(/http:\/\/127\.0\.0\.1:\d+\/#token=\S+/);
    if (m) resolve(m[0]);
  });
  child.once('exit', (code) => reject(new Error(`slipway serve exited with ${code}: ${output}`)));
});
const serveReadyMs = performance.now() - t0;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const times = [];
const steps = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(url);
    const loaded = performance.now() - start;
    await page.getByRole('button', { name: 'Up', exact: true }).and(page.locator(':enabled')).waitFor();
    const buttons = performance.now() - start;
    await page.getByTestId('host-status').filter({ hasText: 'connected' }).waitFor();
    await page.locator('tr[data-service][data-state]').first().waitFor();
    await page.getByText("Reading the services' state…").waitFor({ state: 'detached' });
    times.push(performance.now() - start);
    steps.push({ pageLoadMs: Math.round(loaded), projectShownMs: Math.round(buttons), statesShownMs: Math.round(performance.now() - start) });
    await context.close();
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
}
console.log(JSON.stringify({
  serveStartToLinkMs: Math.round(serveReadyMs),
  firstInteractiveMs: times.map((t) => Math.round(t)),
  medianMs: Math.round(percentile(times, 50)),
  maxMs: Math.round(Math.max(...times)),
  steps,
}, null, 2));
