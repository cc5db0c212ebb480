// The core at rest, in a process of its own so its memory and CPU are the core's: the project
// open, the state feed, a logs subscription (every batch acknowledged) and the project's file
// watcher running. Settles, then samples RSS every second and the process's CPU time over the
// window. Prints JSON.
// Usage: node core-idle.mjs BUNDLE PROJECT_DIR PROJECT_NAME SECONDS
const [bundle, projectDir, projectName, secondsArg] = process.argv.slice(2);
const SECONDS = Number(secondsArg);
const SETTLE_MS = 10_000;
const { SlipwayCore } = await import(bundle);

const mb = (n) => Math.round((n / 1024 / 1024) * 10) / 10;
const answer = async (promise) => {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const core = new SlipwayCore({ env: process.env });
let stateEvents = 0;
let logLines = 0;
core.events.on('state.changed', () => stateEvents++);
core.events.on('logs.batch', (batch) => {
  logLines += batch.lines.length;
  void core.call('logs.ack', { subscriptionId: batch.subscriptionId, batchId: batch.batchId });
});
const project = await answer(core.call('projects.open', { path: projectDir, projectName }));
const snapshot = await answer(core.call('state.snapshot', { projectId: project.projectId }));
await answer(core.call('logs.subscribe', { projectId: project.projectId }));
const watch = await answer(core.call('watch.start', { projectId: project.projectId }));
await sleep(SETTLE_MS);

const rss = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < SECONDS; i++) {
  await sleep(1000);
  rss.push(process.memoryUsage().rss);
}
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - t0;
const heap = process.memoryUsage();
await core.dispose();
process.stdout.write(`${JSON.stringify({
  services: snapshot.services.length,
  watching: watch.watching,
  watchedPaths: watch.paths?.length ?? 0,
  seconds: SECONDS,
  rssMaxMb: mb(Math.max(...rss)),
  rssLastMb: mb(rss.at(-1)),
  heapUsedMb: mb(heap.heapUsed),
  /** CPU time (user + system) over the window ÷ its wall time, in % of one core. */
  idleCpuPercent: Number((((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(3)),
  stateEvents,
  logLines,
})}\n`);
process.exit(0);
