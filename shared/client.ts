import type { CallInput, CallName, CallOutput, EventName, EventPayload } from './contract';
import type { Envelope } from './envelope';

/**
 * What the renderer talks to: the same interface over Electron's preload bridge
 * (window.slipway) and over the browser WebSocket. Answers are envelopes, never throws.
 */
export interface SlipwayClient {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Envelope<CallOutput<N>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
