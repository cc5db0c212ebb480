// The core's own CPU while it streams a project's stats, in a process of its own so its
// CPU is the core's alone. Prints JSON lines: {"phase":"streaming"} when the measured
// window starts, then the result.
// Usage: node core-stream.mjs BUNDLE PROJECT SECONDS
const [bundle, project, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const { SlipwayCore } = await import(bundle);

const core = new SlipwayCore({ env: process.env });
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** CPU ms (user + system) of this process over `ms`. */
async function cpuOver(ms) {
  const start = process.cpuUsage();
  await wait(ms);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const state = await core.call('state.snapshot', { projectId: project });
if (!state.ok) throw new Error(state.error.message);
const running = state.value.services.flatMap((s) => s.containers).filter((c) => c.state === 'running').length;
// Nothing shown: the state feed runs, no stats stream is open.
const idleStreams = core.stats().openStreams();
const idleCpuMs = await cpuOver(seconds * 1000);

let samples = 0;
const first = new Promise((resolve) => core.events.on('stats.samples', (s) => {
  samples++;
  if (s.containers.length === running) resolve();
}));
const sub = await core.call('stats.subscribe', { projectId: project });
if (!sub.ok) throw new Error(sub.error.message);
await first;
const streams = core.stats().openStreams();
samples = 0;
process.stdout.write(`${JSON.stringify({ phase: 'streaming' })}\n`);
const streamCpuMs = await cpuOver(seconds * 1000);
const windowSamples = samples;
await core.call('stats.unsubscribe', { subscriptionId: sub.value.subscriptionId });
const afterStreams = core.stats().openStreams();
await core.dispose();
process.stdout.write(`${JSON.stringify({ running, idleStreams, idleCpuPercent: (idleCpuMs / (seconds * 1000)) * 100, streams, samples: windowSamples, streamCpuPercent: (streamCpuMs / (seconds * 1000)) * 100, afterStreams })}\n`);
process.exit(0);
