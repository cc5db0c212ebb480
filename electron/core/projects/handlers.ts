import type { PartialHandlers } from '../api/handlers';
import type { CoreEvents } from '../events';
import type { ProjectRegistry } from './registry';
import { summarize } from './registry';
import { dependencyMap } from '../compose/graph';

type ProjectCalls = 'projects.open' | 'projects.reload' | 'projects.list' | 'projects.get' | 'projects.close';

export function projectHandlers(registry: ProjectRegistry, events: CoreEvents): PartialHandlers<ProjectCalls> {
  return {
    'projects.open': async (input) => {
      const project = await registry.openProject({
        cwd: input.path,
        ...(input.files ? { files: input.files } : {}),
        ...(input.profiles ? { profiles: input.profiles } : {}),
        ...(input.envFiles ? { envFiles: input.envFiles } : {}),
        ...(input.projectName ? { projectName: input.projectName } : {}),
      });
      const summary = summarize(project);
      events.emit('project.opened', summary);
      return summary;
    },
    'projects.reload': async (input) => summarize(await registry.reload(input.projectId)),
    'projects.list': async () => registry.list().map(summarize),
    'projects.get': async (input) => {
      const project = registry.get(input.projectId);
      return { ...summarize(project), model: { ...project.model }, dependencies: dependencyMap(project) };
    },
    'projects.close': async (input) => {
      registry.close(input.projectId);
      events.emit('project.closed', input);
      return null;
    },
  };
}
