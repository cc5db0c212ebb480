// One run of the core's batch API (logs.subscribe → logs.batch → logs.ack) over a
// project's logs, in a process of its own so its memory is the core's. Prints JSON.
// Usage: node --expose-gc core-api.mjs BUNDLE PROJECT LINES
const [bundle, project, linesArg] = process.argv.slice(2);
const expected = Number(linesArg);
const { SlipwayCore } = await import(bundle);

const mb = (n) => Math.round((n / 1024 / 1024) * 10) / 10;
global.gc?.();
const before = process.memoryUsage();
const core = new SlipwayCore({ env: process.env, logRingLines: expected });
let received = 0;
let batches = 0;
const t0 = performance.now();
const done = new Promise((resolve) => {
  core.events.on('logs.batch', (batch) => {
    received += batch.lines.length;
    batches++;
    void core.call('logs.ack', { subscriptionId: batch.subscriptionId, batchId: batch.batchId });
    if (received >= expected) resolve();
  });
});
const sub = await core.call('logs.subscribe', { projectId: project });
if (!sub.ok) throw new Error(sub.error.message);
await done;
const seconds = (performance.now() - t0) / 1000;
global.gc?.();
const held = process.memoryUsage();
const logs = await core.logs().project(project);
const ringLines = [...logs.rings.values()].reduce((n, r) => n + r.size, 0);
// Search over the full rings, for the record.
const s0 = performance.now();
const found = await core.call('logs.search', { projectId: project, query: 'line 99999', regex: false, caseSensitive: true, limit: 100000 });
const substringMs = performance.now() - s0;
const r0 = performance.now();
await core.call('logs.search', { projectId: project, query: '^line 9+$', regex: true, caseSensitive: false, limit: 100000 });
const regexMs = performance.now() - r0;
await core.dispose();
process.stdout.write(`${JSON.stringify({
  lines: received,
  batches,
  seconds,
  linesPerSecond: Math.round(received / seconds),
  ringLines,
  rssMb: mb(held.rss),
  heapUsedMb: mb(held.heapUsed),
  externalMb: mb(held.external),
  baselineRssMb: mb(before.rss),
  baselineHeapMb: mb(before.heapUsed),
  searchSubstringMs: Math.round(substringMs),
  searchRegexMs: Math.round(regexMs),
  substringMatches: found.ok ? found.value.matches.length : -1,
})}\n`);
process.exit(0);
