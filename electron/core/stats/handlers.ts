import type { PartialHandlers } from '../api/handlers';
import type { StatsHub } from './stats-hub';

export function statsHandlers(hub: () => StatsHub): PartialHandlers<'stats.subscribe' | 'stats.unsubscribe' | 'stats.sample'> {
  return {
    'stats.subscribe': async (input) => ({ subscriptionId: await hub().subscribe(input.projectId, input.services) }),
    'stats.unsubscribe': async (input) => {
      await hub().unsubscribe(input.subscriptionId);
      return null;
    },
    'stats.sample': async (input) => hub().sampleOnce(input.projectId, input.services),
  };
}
