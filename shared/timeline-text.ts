import type { TimelineRun, TimelineService, TimelineWait } from './contract/timeline';

/** A duration in seconds with one decimal, as the timeline says it: `12.3 s`. */
export function timelineSeconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

/** What held a service: `waited 12.3 s for db (healthy)`, or `waiting for db (healthy)` while it still does. */
export function waitText(wait: TimelineWait): string {
  return wait.waitedMs === null ? `waiting for ${wait.service} (${wait.condition})` : `waited ${timelineSeconds(wait.waitedMs)} for ${wait.service} (${wait.condition})`;
}

/** One line about a service: its state, when it was ready (from the run's start) and what held it. */
export function serviceSummary(run: TimelineRun, service: TimelineService): string {
  const at = service.failedAt ?? service.readyAt;
  const parts = [at !== null ? `${service.state} at ${timelineSeconds(at - run.startedAt)}` : service.state];
  if (service.state === 'unchanged') return 'unchanged (left running)';
  const pending = service.dependencies.find((w) => w.until === null);
  if (service.heldBy) parts.push(waitText(service.heldBy));
  else if (pending) parts.push(service.state === 'not started' ? `never got ${pending.service} (${pending.condition})` : waitText(pending));
  else if (service.dependencies.length === 0) parts.push('no dependencies');
  if (service.critical) parts.push('critical path');
  return parts.join(', ');
}

/** The run's length in words: `4.3 s`, or why there is none yet. */
export function runLength(run: TimelineRun): string {
  if (run.totalMs !== null) return timelineSeconds(run.totalMs);
  return run.finishedAt === null ? 'running' : 'nothing started';
}
