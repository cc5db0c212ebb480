import type Docker from 'dockerode';
import type { Project } from '../../../shared/model/project';
import type { StateChange } from './readiness';
import type { StackCore } from './types';

/** Forwards container state changes to the core's bus as `stack.serviceState` events. */
export function stateEmitter(core: StackCore, project: Project): (change: StateChange) => void {
  return (change) => core.events.emit('stack.serviceState', {
    projectId: project.name,
    service: change.service,
    container: change.container,
    state: change.state,
    ...(change.exitCode !== undefined ? { exitCode: change.exitCode } : {}),
  });
}

type Health = 'starting' | 'healthy' | 'unhealthy';

/** A container's state read back from the engine (after the events stream reconnected). */
export function inspector(docker: Docker): (id: string) => Promise<{ running: boolean; health?: Health; exitCode?: number } | undefined> {
  return async (id) => {
    const info = await docker.getContainer(id).inspect();
    const health = (info.State as { Health?: { Status?: string } }).Health?.Status;
    return {
      running: info.State.Running,
      ...(health === 'starting' || health === 'healthy' || health === 'unhealthy' ? { health } : {}),
      ...(!info.State.Running && info.State.StartedAt && !info.State.StartedAt.startsWith('0001') ? { exitCode: info.State.ExitCode } : {}),
    };
  };
}
