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
