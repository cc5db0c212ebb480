import type { PartialHandlers } from '../api/handlers';
import type { SlipwayCore } from '../slipway-core';
import { watchManager } from './watch-manager';

type WatchCalls = 'watch.start' | 'watch.stop' | 'watch.status';

export function watchHandlers(core: SlipwayCore): PartialHandlers<WatchCalls> {
  return {
    'watch.start': async (input) => {
      const project = core.projects.get(input.projectId);
      return watchManager(core).start(project, input.quietMs !== undefined ? { coalescer: { quietMs: input.quietMs } } : {});
    },
    'watch.stop': async (input) => {
      await watchManager(core).stop(input.projectId);
      return null;
    },
    'watch.status': async (input) => watchManager(core).status(input.projectId),
  };
}
