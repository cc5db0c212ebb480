// The stack's own floor, from Docker's events: each service's start → ready time (ready = its
// first `health_status: healthy`, or its `start` when it has no healthcheck), the longest
// dependency path of those times, and a tool's overhead above it (all-ready time, from the
// command's spawn, minus the floor).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Each service's dependencies and whether it has a healthcheck, read from the compose file. */
export function readStack(file) {
  const services = parse(readFileSync(file, 'utf8'), { merge: true }).services;
  const stack = new Map();
  for (const [name, config] of Object.entries(services)) {
    const dependsOn = config.depends_on ?? [];
    const test = config.healthcheck?.test;
    stack.set(name, {
      deps: Array.isArray(dependsOn) ? dependsOn : Object.keys(dependsOn),
      healthcheck: Boolean(test) && !config.healthcheck.disable && test[0] !== 'NONE',
    });
  }
  return stack;
}

/** Per service, the engine's times (ms since the epoch) of its first create, start and healthy events. */
export function newEventLog() {
  return { create: new Map(), start: new Map(), healthy: new Map() };
}

/** Records one decoded Docker event into the log; returns the service it was about, if any. */
export function recordEvent(log, event) {
  const service = event.Actor?.Attributes?.['com.docker.compose.service'];
  if (!service) return undefined;
  const at = event.timeNano / 1e6;
  const kind = event.Action === 'health_status: healthy' ? 'healthy' : event.Action;
  const times = log[kind];
  if (times && !times.has(service)) times.set(service, at);
  return service;
}

export function readyAt(stack, log, service) {
  return stack.get(service)?.healthcheck ? log.healthy.get(service) : log.start.get(service);
}

export function allReady(stack, log) {
  return [...stack.keys()].every((s) => readyAt(stack, log, s) !== undefined);
}

/** The longest dependency path of start → ready times (ms), and the services along it. */
export function floorOf(stack, log) {
  const memo = new Map();
  const longest = (service) => {
    const known = memo.get(service);
    if (known) return known;
    const own = readyAt(stack, log, service) - log.start.get(service);
    let best = { ms: 0, path: [] };
    for (const dep of stack.get(service).deps) {
      const candidate = longest(dep);
      if (candidate.ms > best.ms) best = candidate;
    }
    const result = { ms: best.ms + own, path: [...best.path, service] };
    memo.set(service, result);
    return result;
  };
  return [...stack.keys()].map(longest).reduce((a, b) => (b.ms > a.ms ? b : a));
}

/**
 * One run, measured: all-ready (ms from the spawn, `spawnedAt` in ms since the epoch, to the later
 * of the command's exit and the last service's ready event), the floor and the overhead above it.
 */
export function measureRun(stack, log, spawnedAt, exitedAt) {
  const lastReady = Math.max(...[...stack.keys()].map((s) => readyAt(stack, log, s)));
  const allReadyMs = Math.max(lastReady, exitedAt) - spawnedAt;
  const floor = floorOf(stack, log);
  return { allReadyMs, floorMs: floor.ms, floorPath: floor.path, overheadMs: allReadyMs - floor.ms };
}

/** A markdown table of one run: each service's create, start and ready, in ms from the spawn. */
export function timeline(stack, log, spawnedAt) {
  const at = (t) => (t === undefined ? '–' : String(Math.round(t - spawnedAt)));
  const rows = [...stack.keys()]
    .sort((a, b) => (log.start.get(a) ?? Infinity) - (log.start.get(b) ?? Infinity))
    .map((s) => `| ${s} | ${stack.get(s).deps.join(', ') || '–'} | ${at(log.create.get(s))} | ${at(log.start.get(s))} | ${at(readyAt(stack, log, s))} | ${Math.round(readyAt(stack, log, s) - log.start.get(s))} |`);
  return ['| service | depends on | create | start | ready | start → ready |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
