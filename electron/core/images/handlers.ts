import type { PartialHandlers } from '../api/handlers';
import type { ProjectRegistry } from '../projects/registry';
import type { TaskRunner } from '../tasks/task-runner';
import type { ImagesService } from './images-service';
import { serviceConfig } from './service-tags';

type ImageCalls = 'images.build' | 'images.push' | 'images.pull' | 'images.list';

/** What the images room needs of the core. */
export interface ImagesCore {
  readonly projects: ProjectRegistry;
  readonly tasks: TaskRunner;
}

/** The images calls, on the core's one ImagesService (watch's rebuild builds with it too). */
export function imagesHandlers(core: ImagesCore, images: ImagesService): PartialHandlers<ImageCalls> {
  const { projects, tasks } = core;
  return {
    'images.build': async (input) => {
      const project = projects.get(input.projectId);
      // Unknown services and services without build: fail the call itself, not the task.
      const services = images.buildTargets(project, input.services);
      const options = { services, ...(input.noCache ? { noCache: true } : {}), ...(input.pull ? { pull: true } : {}) };
      return { taskId: tasks.start('images.build', (task) => images.build(project, options, task), input.projectId) };
    },
    'images.push': async (input) => {
      const project = projects.get(input.projectId);
      const services = images.pushTargets(project, input.services);
      return { taskId: tasks.start('images.push', (task) => images.push(project, services, task), input.projectId) };
    },
    'images.pull': async (input) => {
      const project = projects.get(input.projectId);
      // Unknown services fail the call itself, not the task.
      for (const service of input.services ?? []) serviceConfig(project, service);
      const options = {
        ...(input.services && input.services.length > 0 ? { services: input.services } : {}),
        ...(input.includeDeps ? { includeDeps: true } : {}),
        ...(input.ignoreBuildable ? { ignoreBuildable: true } : {}),
        ...(input.ignorePullFailures ? { ignorePullFailures: true } : {}),
        ...(input.quiet ? { quiet: true } : {}),
        ...(input.policy ? { policy: input.policy } : {}),
      };
      return { taskId: tasks.start('images.pull', (task) => images.pull(project, options, task), input.projectId) };
    },
    'images.list': async (input) => images.list(projects.get(input.projectId)),
  };
}
