import type { PartialHandlers } from '../api/handlers';
import type { Project } from '../../../shared/model/project';
import type { WatchManager } from './watch-manager';
import { planWatch, requireRules } from './watch-plan';

type WatchCalls = 'watch.plan' | 'watch.start' | 'watch.stop' | 'watch.status';

/** `project`: the open project as the watcher sees it (with the sync rules of its synchronized shares). */
export function watchHandlers(projectOf: (projectId: string) => Project, watch: () => WatchManager): PartialHandlers<WatchCalls> {
  return {
    'watch.plan': async (input) => {
      const project = projectOf(input.projectId);
      const plan = requireRules(project, planWatch(project, input.services), input.services);
      return { projectId: project.name, services: plan.services, paths: plan.roots, warnings: plan.warnings };
    },
    'watch.start': async (input) => {
      const project = projectOf(input.projectId);
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
