import type { PartialHandlers } from '../api/handlers';
import type { LogHub } from './log-hub';

type LogCalls = 'logs.subscribe' | 'logs.ack' | 'logs.unsubscribe' | 'logs.search';

export function logHandlers(hub: () => LogHub): PartialHandlers<LogCalls> {
  return {
    'logs.subscribe': async (input, ctx) => hub().subscribe(input, ctx.clientId),
    'logs.ack': async (input) => {
      hub().ack(input.subscriptionId, input.batchId);
      return null;
    },
    'logs.unsubscribe': async (input) => {
      hub().unsubscribe(input.subscriptionId);
      return null;
    },
    'logs.search': async (input) => hub().search(input),
  };
}
