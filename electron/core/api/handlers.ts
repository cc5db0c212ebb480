import type { CallName, CallOutput, ParsedCallInput } from '../../../shared/contract';

/** Who is calling: lets handlers scope subscriptions (log streams, acks) to one client. */
export interface CallContext {
  clientId: string;
}

export type Handler<N extends CallName> = (input: ParsedCallInput<N>, ctx: CallContext) => Promise<CallOutput<N>>;

export type Handlers = { [N in CallName]: Handler<N> };
export type PartialHandlers<K extends CallName> = { [N in K]: Handler<N> };
