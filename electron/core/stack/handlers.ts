import type { ParsedCallInput } from '../../../shared/contract';
import type { PartialHandlers } from '../api/handlers';
import type { ProjectRegistry } from '../projects/registry';
import { isByName } from '../projects/registry';
import type { TaskContext, TaskRunner } from '../tasks/task-runner';
import { downProject } from './down';
import { psProject } from './ps';
import { restartServices, startServices, stopServices, type ServicesOptions } from './start-stop';
import type { ProgressListener, StackCore } from './types';
import { upProject, type UpOptions } from './up';

type StackCalls = 'stack.up' | 'stack.down' | 'stack.start' | 'stack.stop' | 'stack.restart' | 'stack.ps';

export interface StackHost extends StackCore {
  tasks: TaskRunner;
  projects: ProjectRegistry;
}

/** Each step goes out structured (`stack`), and in words for readers that show only the message. */
export const progressTo = (ctx: TaskContext): ProgressListener => (p) =>
  ctx.progress({ message: `${p.kind} ${p.name} ${p.status}`, subject: p.service ?? p.name, stack: p });

export function stackHandlers(core: StackHost): PartialHandlers<StackCalls> {
  const services = (kind: 'stack.start' | 'stack.stop' | 'stack.restart', action: (core: StackCore, project: ReturnType<ProjectRegistry['get']>, options: ServicesOptions) => Promise<unknown>) =>
    async (input: ParsedCallInput<typeof kind>) => {
      const project = core.projects.get(input.projectId);
      const taskId = core.tasks.start(kind, async (ctx) => {
        await action(core, project, { ...servicesOptions(input), signal: ctx.signal, onProgress: progressTo(ctx) });
        return null;
      }, project.name);
      return { taskId };
    };
  return {
    'stack.up': async (input) => {
      const project = core.projects.get(input.projectId);
      const taskId = core.tasks.start('stack.up', (ctx) => upProject(core, project, { ...upOptions(input), signal: ctx.signal, onProgress: progressTo(ctx), onImageProgress: ctx.progress }), project.name);
      return { taskId };
    },
    'stack.down': async (input) => {
      const project = core.projects.get(input.projectId);
      // A project opened by name alone has no file to tell orphans from services: all its containers go.
      const removeOrphans = input.removeOrphans === true || isByName(project);
      const taskId = core.tasks.start('stack.down', (ctx) => downProject(core, project, {
        ...(input.volumes !== undefined ? { volumes: input.volumes } : {}),
        ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
        ...(input.removeImages !== undefined ? { removeImages: input.removeImages } : {}),
        removeOrphans,
        onProgress: progressTo(ctx),
      }), project.name);
      return { taskId };
    },
    'stack.start': services('stack.start', startServices),
    'stack.stop': services('stack.stop', stopServices),
    'stack.restart': services('stack.restart', restartServices),
    'stack.ps': async (input) => psProject(core, core.projects.get(input.projectId), {
      ...(input.services ? { services: input.services } : {}),
      ...(input.all !== undefined ? { all: input.all } : {}),
    }),
  };
}

function upOptions(input: ParsedCallInput<'stack.up'>): UpOptions {
  return {
    ...(input.services ? { services: input.services } : {}),
    ...(input.wait !== undefined ? { wait: input.wait } : {}),
    ...(input.timeoutSeconds !== undefined ? { timeoutMs: input.timeoutSeconds * 1000 } : {}),
    ...(input.removeOrphans !== undefined ? { removeOrphans: input.removeOrphans } : {}),
    ...(input.forceRecreate !== undefined ? { forceRecreate: input.forceRecreate } : {}),
    ...(input.noRecreate !== undefined ? { noRecreate: input.noRecreate } : {}),
    ...(input.renewAnonVolumes !== undefined ? { renewAnonVolumes: input.renewAnonVolumes } : {}),
    ...(input.noDeps !== undefined ? { noDeps: input.noDeps } : {}),
    ...(input.noStart !== undefined ? { noStart: input.noStart } : {}),
    ...(input.scale !== undefined ? { scale: input.scale } : {}),
    images: {
      ...(input.build ? { build: true } : {}),
      ...(input.noBuild ? { noBuild: true } : {}),
      ...(input.pull !== undefined ? { pull: input.pull } : {}),
      ...(input.quietPull ? { quietPull: true } : {}),
    },
  };
}

function servicesOptions(input: { services?: string[] | undefined; timeoutSeconds?: number | undefined; index?: number | undefined }): { services?: string[]; timeoutSeconds?: number; index?: number } {
  return {
    ...(input.services ? { services: input.services } : {}),
    ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
    ...(input.index !== undefined ? { index: input.index } : {}),
  };
}
