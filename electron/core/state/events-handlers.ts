import type { PartialHandlers } from '../api/handlers';
import type { ProjectRegistry } from '../projects/registry';
import type { ProjectEventStreams } from './project-events';

export function eventsHandlers(projects: ProjectRegistry, streams: () => ProjectEventStreams): PartialHandlers<'events.subscribe' | 'events.unsubscribe'> {
  return {
    'events.subscribe': async (input) => {
      const project = projects.get(input.projectId);
      return { subscriptionId: await streams().subscribe(project.name, { services: input.services, since: input.since, until: input.until }) };
    },
    'events.unsubscribe': async (input) => {
      streams().unsubscribe(input.subscriptionId);
      return null;
    },
  };
}
