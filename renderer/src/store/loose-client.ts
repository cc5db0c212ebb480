import type { SlipwayClient } from '../../../shared/client';
import type { CallName, EventName } from '../../../shared/contract';
import type { Envelope } from '../../../shared/envelope';

/**
 * Calls and events by name, for rooms whose contract may be absent from a build
 * (the answer is then an `unknown_call` envelope, shown like any other error).
 */
export function callByName<T>(client: SlipwayClient, name: string, input: unknown): Promise<Envelope<T>> {
  return client.call(name as CallName, input as never) as Promise<Envelope<T>>;
}

export function onByName<T>(client: SlipwayClient, event: string, listener: (payload: T) => void): () => void {
  return client.on(event as EventName, listener as never);
}
