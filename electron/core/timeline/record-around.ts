import type { Handler } from '../api/handlers';
import type { ProjectRegistry } from '../projects/registry';
import type { TimelineRecorder } from './timeline-recorder';

/**
 * stack.up and stack.restart, recorded: the recorder listens before the task starts and is
 * told its id when the call answers. A recorder that cannot start (the engine is not there)
 * does not stop the work: the task reports that failure itself.
 */
export function recorded<N extends 'stack.up' | 'stack.restart'>(name: N, handler: Handler<N>, projects: ProjectRegistry, recorder: () => TimelineRecorder): Handler<N> {
  return async (input, ctx) => {
    const project = projects.get(input.projectId);
    const recording = await recorder().begin(project, input.projectId, {
      kind: name === 'stack.up' ? 'up' : 'restart',
      services: input.services,
      ...('noDeps' in input ? { noDeps: input.noDeps } : {}),
    }).catch(() => undefined);
    try {
      const answer = await handler(input, ctx);
      recording?.bind(answer.taskId);
      return answer;
    } catch (error) {
      recording?.discard();
      throw error;
    }
  };
}
