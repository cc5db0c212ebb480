import type { Settings } from '../../../shared/contract/settings';
import type { CallContext, PartialHandlers } from '../api/handlers';
import type { CoreEvents } from '../events';
import type { ProjectRegistry } from './registry';
import { summarize } from './registry';
import { dependencyMap } from '../compose/graph';
import { prefsFor, withDefaultProfiles } from './project-prefs';

type ProjectCalls = 'projects.open' | 'projects.reload' | 'projects.list' | 'projects.get' | 'projects.close';

/** What opening a project needs besides the registry: the rules that live in settings. */
export interface OpenRules {
  settings(): Settings;
  /** Records the project at the top of the recent list (settings.recentProjects). */
  recordRecent(project: { path: string; name: string }): void;
  /** Starts the project's file watcher (auto-watch); a failure shows in watch.state, not here. */
  startWatch(projectId: string, ctx: CallContext): Promise<void>;
}

export function projectHandlers(registry: ProjectRegistry, events: CoreEvents, rules: OpenRules): PartialHandlers<ProjectCalls> {
  return {
    'projects.open': async (asked, ctx) => {
      const input = withDefaultProfiles(asked, rules.settings());
      const project = await registry.openProject({
        cwd: input.path,
        ...(input.files ? { files: input.files } : {}),
        ...(input.profiles ? { profiles: input.profiles } : {}),
        ...(input.envFiles ? { envFiles: input.envFiles } : {}),
        ...(input.projectName ? { projectName: input.projectName } : {}),
      });
      const summary = summarize(project);
      rules.recordRecent({ path: summary.workingDir, name: summary.name });
      events.emit('project.opened', summary);
      if (prefsFor(rules.settings(), input.path)?.watch) await rules.startWatch(summary.projectId, ctx);
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
