import { z } from 'zod';
import { defineCall } from './define';
import { Nothing, ProjectRef, ServiceNames } from './common';

/**
 * One container event of a project, as `docker compose events` reports it: one-off
 * containers left out, attributes without the com.docker.compose.* labels.
 */
export const ContainerEvent = z.object({
  subscriptionId: z.string(),
  /** When, in nanoseconds since the epoch, as a decimal string (exact: a number would round it). */
  timeNano: z.string().regex(/^\d+$/),
  type: z.literal('container'),
  /** Docker's action: create, start, die, stop, kill, health_status: healthy, … */
  action: z.string(),
  /** The container id. */
  id: z.string(),
  service: z.string(),
  attributes: z.record(z.string(), z.string()),
});
export type ContainerEvent = z.infer<typeof ContainerEvent>;

export const eventsCalls = {
  /** Follows the project's container events (`events`), through an engine events stream of its own filtered to the project; they come as events.container. */
  'events.subscribe': defineCall({
    input: ProjectRef.extend({
      services: ServiceNames.optional(),
      /** `--since`: also the events the engine still has from then (a duration like 10m, a time, or Unix seconds). */
      since: z.string().max(100).optional(),
      /** `--until`: the stream ends (events.end) at that time. */
      until: z.string().max(100).optional(),
    }),
    output: z.object({ subscriptionId: z.string() }),
  }),
  'events.unsubscribe': defineCall({ input: z.object({ subscriptionId: z.string().min(1) }), output: Nothing }),
};

export const eventsEvents = {
  'events.container': ContainerEvent,
  /** The stream ended: `until` was reached, or the engine closed it. */
  'events.end': z.object({ subscriptionId: z.string() }),
};
