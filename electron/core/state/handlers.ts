import type { PartialHandlers } from '../api/handlers';
import type { StateFeed } from './state-feed';

export function stateHandlers(feed: () => StateFeed): PartialHandlers<'state.snapshot'> {
  return {
    'state.snapshot': async (input) => feed().snapshot(input.projectId),
  };
}
