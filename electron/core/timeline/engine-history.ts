import type Docker from 'dockerode';
import { projectFilter } from '../state/compose-labels';
import { toContainerEvent } from '../state/project-events';
import type { TimelineEngineEvent } from './run-facts';

/** Epoch ms (µs fraction) from Docker's `timeNano` text. */
export function msFromNano(timeNano: string): number {
  const nano = BigInt(timeNano);
  return Number(nano / 1000n) / 1000;
}

/**
 * The project's container events the engine still holds between two times (it keeps the
 * last 256): what completes a run whose recorder ended before every service was ready
 * (a `slipway up -d` that exited while a healthcheck still ran).
 */
export async function engineHistory(docker: Docker, project: string, sinceMs: number, untilMs: number): Promise<TimelineEngineEvent[]> {
  const stream = await docker.getEvents({ filters: { ...projectFilter(project), type: ['container'] }, since: sinceMs / 1000, until: untilMs / 1000 });
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer | string>) text += chunk.toString();
  const events: TimelineEngineEvent[] = [];
  for (const line of text.split('\n')) {
    const event = toContainerEvent(line, []);
    if (event) events.push({ time: msFromNano(event.timeNano), action: event.action, id: event.id, service: event.service, attributes: event.attributes });
  }
  return events;
}
