import type { PartialHandlers } from '../api/handlers';
import type { ProjectRegistry } from '../projects/registry';
import type { TaskContext, TaskRunner } from '../tasks/task-runner';
import { downProject } from './down';
import { psProject } from './ps';
import { restartServices, startServices, stopServices } from './start-stop';
import type { ProgressListener, StackCore } from './types';
import { upProject } from './up';

type StackCalls = 'stack.up' | 'stack.down' | 'stack.start' | 'stack.stop' | 'stack.restart' | 'stack.ps';

export interface StackHost extends StackCore {
  tasks: TaskRunner;
  projects: ProjectRegistry;
}

const progressTo = (ctx: TaskContext): ProgressListener => (p) => ctx.progress({ message: `${p.kind} ${p.name} ${p.status}`, subject: p.service ?? p.name });

export function stackHandlers(core: StackHost): PartialHandlers<StackCalls> {
  return {
    'stack.up': async (input) => {
      const project = core.projects.get(input.projectId);
      const taskId = core.tasks.start('stack.up', (ctx) => upProject(core, project, {
        ...(input.services ? { services: input.services } : {}),
        ...(input.wait !== undefined ? { wait: input.wait } : {}),
        ...(input.timeoutSeconds !== undefined ? { timeoutMs: input.timeoutSeconds * 1000 } : {}),
        ...(input.removeOrphans !== undefined ? { removeOrphans: input.removeOrphans } : {}),
        ...(input.forceRecreate !== undefined ? { forceRecreate: input.forceRecreate } : {}),
        ...(input.noRecreate !== undefined ? { noRecreate: input.noRecreate } : {}),
        ...(input.renewAnonVolumes !== undefined ? { renewAnonVolumes: input.renewAnonVolumes } : {}),
        signal: ctx.signal,
        onProgress: progressTo(ctx),
      }), project.name);
      return { taskId };
    },
    'stack.down': async (input) => {
      const project = core.projects.get(input.projectId);
      const taskId = core.tasks.start('stack.down', (ctx) => downProject(core, project, {
        ...(input.volumes !== undefined ? { volumes: input.volumes } : {}),
        ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
        ...(input.removeOrphans !== undefined ? { removeOrphans: input.removeOrphans } : {}),
        onProgress: progressTo(ctx),
      }), project.name);
      return { taskId };
    },
    'stack.start': async (input) => {
      await startServices(core, core.projects.get(input.projectId), servicesOptions(input));
      return null;
    },
    'stack.stop': async (input) => {
      await stopServices(core, core.projects.get(input.projectId), servicesOptions(input));
      return null;
    },
    'stack.restart': async (input) => {
      await restartServices(core, core.projects.get(input.projectId), servicesOptions(input));
      return null;
    },
    'stack.ps': async (input) => psProject(core, core.projects.get(input.projectId), {
      ...(input.services ? { services: input.services } : {}),
      ...(input.all !== undefined ? { all: input.all } : {}),
    }),
  };
}

function servicesOptions(input: { services?: string[] | undefined; timeoutSeconds?: number | undefined }): { services?: string[]; timeoutSeconds?: number } {
  return {
    ...(input.services ? { services: input.services } : {}),
    ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
  };
}
