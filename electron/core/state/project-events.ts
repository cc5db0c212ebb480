import { randomUUID } from 'node:crypto';
import type { ContainerEvent } from '../../../shared/contract/events';
import type { EngineEvent, EngineEvents } from '../docker/engine-events';
import { isOneOff, LABEL } from './compose-labels';

interface Subscription {
  projectName: string;
  services: readonly string[];
  off: () => void;
}

/** Compose's event of a project's container, or undefined when `docker compose events` leaves it out. */
export function toContainerEvent(event: EngineEvent, projectName: string, services: readonly string[]): Omit<ContainerEvent, 'subscriptionId'> | undefined {
  const labels = event.Actor.Attributes;
  if (event.Type !== 'container' || labels[LABEL.project] !== projectName || isOneOff(labels)) return undefined;
  const service = labels[LABEL.service] ?? '';
  if (services.length > 0 && !services.includes(service)) return undefined;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (!key.startsWith('com.docker.compose.')) attributes[key] = value;
  const timeNano = event.timeNanoText ?? (event.timeNano ? BigInt(event.timeNano).toString() : `${event.time}000000000`);
  return { timeNano, type: 'container', action: event.Action, id: event.Actor.ID, service, attributes };
}

/**
 * `events`: per subscription, the container events of one project (and services) from the
 * core's one engine events subscription, sent as `events.container` until unsubscribed.
 */
export class ProjectEventStreams {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(private readonly options: { events: () => Promise<EngineEvents>; send: (event: ContainerEvent) => void }) {}

  async subscribe(projectName: string, services: readonly string[]): Promise<string> {
    const engine = await this.options.events();
    const subscriptionId = randomUUID();
    const onEvent = (event: EngineEvent) => {
      const found = toContainerEvent(event, projectName, services);
      if (found) this.options.send({ subscriptionId, ...found });
    };
    engine.on('event', onEvent);
    this.subscriptions.set(subscriptionId, { projectName, services, off: () => engine.off('event', onEvent) });
    return subscriptionId;
  }

  unsubscribe(subscriptionId: string): void {
    this.subscriptions.get(subscriptionId)?.off();
    this.subscriptions.delete(subscriptionId);
  }

  dispose(): void {
    for (const id of [...this.subscriptions.keys()]) this.unsubscribe(id);
  }
}
