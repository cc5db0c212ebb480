import type { Settings } from '../../../shared/contract/settings';
import type { CallContext, PartialHandlers } from '../api/handlers';
import type { CoreEvents } from '../events';
import type { ProjectRegistry } from './registry';
import { summarize } from './registry';
import { dependencyMap } from '../compose/graph';
import { prefsFor, withDefaultProfiles } from './project-prefs';
import { projectConfig } from './project-config';
import { openOrName } from './open-project';

type ProjectCalls = 'projects.open' | 'projects.reload' | 'projects.list' | 'projects.get' | 'projects.close' | 'projects.config';

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
      const input = asked.transient ? asked : withDefaultProfiles(asked, rules.settings());
      const project = await openOrName(registry, input);
      const summary = summarize(project);
      if (input.transient) return summary;
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
    'projects.config': async (input) => projectConfig(registry.get(input.projectId)),
    'projects.close': async (input) => {
      registry.close(input.projectId);
      events.emit('project.closed', input);
      return null;
    },
  };
}
