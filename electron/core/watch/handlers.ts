import type { PartialHandlers } from '../api/handlers';
import type { ProjectRegistry } from '../projects/registry';
import type { WatchManager } from './watch-manager';

type WatchCalls = 'watch.start' | 'watch.stop' | 'watch.status';

export function watchHandlers(projects: ProjectRegistry, watch: () => WatchManager): PartialHandlers<WatchCalls> {
  return {
    'watch.start': async (input) => {
      const project = projects.get(input.projectId);
      return watch().start(project, {
        ...(input.services && input.services.length > 0 ? { services: input.services } : {}),
        ...(input.quietMs !== undefined ? { coalescer: { quietMs: input.quietMs } } : {}),
      });
    },
    'watch.stop': async (input) => {
      await watch().stop(input.projectId);
      return null;
    },
    'watch.status': async (input) => watch().status(input.projectId),
  };
}
