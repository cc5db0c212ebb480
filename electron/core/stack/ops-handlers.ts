import type { PartialHandlers } from '../api/handlers';
import type { ExecSessions } from '../exec/exec-sessions';
import { attachAndStart } from '../exec/run-process';
import { archiveOf, archiveTargets, copyFromContainer, copyToContainers } from '../exec/copy';
import { archiveInProcess, archiveOutProcess } from '../exec/copy-session';
import { listEngineProjects } from '../state/engine-projects';
import type { StackHost } from './handlers';
import { progressTo } from './handlers';
import { containerImages, containerProcesses, killContainers, publishedPort, removeStopped, setPaused } from './ops';
import { runOneOff } from './run';

type OpsCalls = 'stack.run' | 'stack.runStart' | 'stack.rm' | 'stack.kill' | 'stack.pause' | 'stack.unpause' | 'stack.ls' | 'stack.images' | 'stack.top' | 'stack.port' | 'stack.cp' | 'stack.cpStream';

/** One-off containers (`run`) and the everyday commands on a project's containers. */
export function stackOpsHandlers(core: StackHost, sessions: () => ExecSessions): PartialHandlers<OpsCalls> {
  const docker = () => core.docker().docker;
  return {
    'stack.run': async (input) => {
      const project = core.projects.get(input.projectId);
      const { projectId: _projectId, service, timeoutSeconds, ...options } = input;
      const taskId = core.tasks.start('stack.run', (ctx) => runOneOff(core, project, service, {
        ...options,
        ...(timeoutSeconds !== undefined ? { timeoutMs: timeoutSeconds * 1000 } : {}),
        signal: ctx.signal,
        onProgress: progressTo(ctx),
      }), project.name);
      return { taskId };
    },
    'stack.runStart': async (input, ctx) => {
      core.projects.get(input.projectId);
      const process = await attachAndStart(docker(), input.container, {
        tty: input.tty,
        ...(input.cols !== undefined ? { cols: input.cols } : {}),
        ...(input.rows !== undefined ? { rows: input.rows } : {}),
      });
      return { sessionId: sessions().adopt(process, input.tty, ctx.clientId, input.encoding) };
    },
    'stack.rm': async (input) => {
      const project = core.projects.get(input.projectId);
      const taskId = core.tasks.start('stack.rm', async (ctx) => ({
        removed: await removeStopped(core, project, { ...(input.services ? { services: input.services } : {}), stop: input.stop === true, volumes: input.volumes === true, onProgress: progressTo(ctx) }),
      }), project.name);
      return { taskId };
    },
    'stack.kill': async (input) => {
      const project = core.projects.get(input.projectId);
      const taskId = core.tasks.start('stack.kill', async (ctx) => {
        await killContainers(core, project, {
          ...(input.services ? { services: input.services } : {}),
          ...(input.container !== undefined ? { container: input.container } : {}),
          ...(input.signal !== undefined ? { signal: input.signal } : {}),
          onProgress: progressTo(ctx),
        });
        return null;
      }, project.name);
      return { taskId };
    },
    'stack.pause': async (input) => pauseTask(core, input, true),
    'stack.unpause': async (input) => pauseTask(core, input, false),
    'stack.ls': async (input) => listEngineProjects(docker(), input.all === true),
    'stack.images': async (input) => containerImages(core, core.projects.get(input.projectId), input.services),
    'stack.top': async (input) => containerProcesses(core, core.projects.get(input.projectId), input.services),
    'stack.port': async (input) => publishedPort(core, core.projects.get(input.projectId), input.service, input.port, input.protocol, input.index),
    'stack.cp': async (input) => {
      const project = core.projects.get(input.projectId);
      const { projectId: _projectId, direction, hostPath, ...target } = input;
      const taskId = core.tasks.start('stack.cp', async (ctx) => {
        const report = progressTo(ctx);
        const onStep = (name: string, status: string) => report({ kind: 'Container', name, status, service: input.service });
        const request = { ...target, projectName: project.name };
        const containers = direction === 'from' ? await copyFromContainer(docker(), request, hostPath, onStep) : await copyToContainers(docker(), request, hostPath, onStep);
        return { containers };
      }, project.name);
      return { taskId };
    },
    'stack.cpStream': async (input, ctx) => {
      const project = core.projects.get(input.projectId);
      const { projectId: _projectId, direction, ...target } = input;
      const request = { ...target, projectName: project.name };
      // Whatever stops the copy before it starts (no container, no such path) is the call's error.
      const process = direction === 'from'
        ? archiveOutProcess(await archiveOf(docker(), request))
        : archiveInProcess(docker(), await archiveTargets(docker(), request), input.archive === true);
      return { sessionId: sessions().adopt(process, false, ctx.clientId, 'base64') };
    },
  };
}

function pauseTask(core: StackHost, input: { projectId: string; services?: string[] | undefined }, paused: boolean): { taskId: string } {
  const project = core.projects.get(input.projectId);
  const taskId = core.tasks.start(paused ? 'stack.pause' : 'stack.unpause', async (ctx) => {
    await setPaused(core, project, paused, { ...(input.services ? { services: input.services } : {}), onProgress: progressTo(ctx) });
    return null;
  }, project.name);
  return { taskId };
}
