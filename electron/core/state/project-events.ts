import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { z } from 'zod';
import type { ContainerEvent } from '../../../shared/contract/events';
import { parseSince } from '../../../shared/since';
import { isOneOff, LABEL, projectFilter } from './compose-labels';

/** One line of the engine's /events stream, as far as `events` reads it. */
const EngineEventLine = z.object({
  Type: z.string(),
  Action: z.string(),
  Actor: z.object({ ID: z.string(), Attributes: z.record(z.string(), z.string()).default({}) }),
  time: z.number(),
});

/**
 * Compose's event from one engine line, or undefined when `docker compose events` leaves it
 * out (not a container, a one-off, another service). The time is read from the line's text:
 * as a JavaScript number, timeNano would be rounded.
 */
export function toContainerEvent(line: string, services: readonly string[]): Omit<ContainerEvent, 'subscriptionId'> | undefined {
  let parsed: z.infer<typeof EngineEventLine>;
  try {
    const result = EngineEventLine.safeParse(JSON.parse(line));
    if (!result.success) return undefined;
    parsed = result.data;
  } catch {
    return undefined;
  }
  const labels = parsed.Actor.Attributes;
  if (parsed.Type !== 'container' || isOneOff(labels)) return undefined;
  const service = labels[LABEL.service] ?? '';
  if (services.length > 0 && !services.includes(service)) return undefined;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (!key.startsWith('com.docker.compose.')) attributes[key] = value;
  const timeNano = /"timeNano":(\d+)/.exec(line)?.[1] ?? `${parsed.time}000000000`;
  return { timeNano, type: 'container', action: parsed.Action, id: parsed.Actor.ID, service, attributes };
}

/** Epoch ms as the engine's `since`/`until` (seconds, with a fraction). */
const engineTime = (ms: number) => ms / 1000;

type EventStream = NodeJS.ReadableStream & { destroy?: () => void };

/**
 * `events`: per subscription, an engine events stream of its own filtered to the project (as
 * Compose's Events asks the engine), sent as `events.container` until unsubscribed, or
 * `events.end` when the stream ends (`until` reached, the engine gone).
 */
export class ProjectEventStreams {
  private readonly streams = new Map<string, EventStream>();

  constructor(private readonly options: { docker: () => Docker; send: (event: ContainerEvent) => void; ended: (ref: { subscriptionId: string }) => void }) {}

  /** Resolves once the engine streams: what happens from then on is seen. */
  async subscribe(projectName: string, options: { services?: readonly string[] | undefined; since?: string | undefined; until?: string | undefined }): Promise<string> {
    const now = Date.now();
    const since = options.since !== undefined ? engineTime(parseSince(options.since, now)) : undefined;
    const until = options.until !== undefined ? engineTime(parseSince(options.until, now, '--until')) : undefined;
    const stream: EventStream = await this.options.docker().getEvents({
      filters: { ...projectFilter(projectName), type: ['container'] },
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
    });
    const subscriptionId = randomUUID();
    this.streams.set(subscriptionId, stream);
    const services = options.services ?? [];
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const found = toContainerEvent(buffered.slice(0, newline), services);
        buffered = buffered.slice(newline + 1);
        if (found) this.options.send({ subscriptionId, ...found });
      }
    });
    let over = false;
    const end = () => {
      if (over) return;
      over = true;
      if (this.streams.delete(subscriptionId)) this.options.ended({ subscriptionId });
    };
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', end);
    return subscriptionId;
  }

  unsubscribe(subscriptionId: string): void {
    const stream = this.streams.get(subscriptionId);
    this.streams.delete(subscriptionId);
    stream?.destroy?.();
  }

  dispose(): void {
    for (const id of [...this.streams.keys()]) this.unsubscribe(id);
  }
}
