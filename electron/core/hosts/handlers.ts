import type { PartialHandlers } from '../api/handlers';
import type { CoreEvents } from '../events';
import type { TaskRunner } from '../tasks/task-runner';
import type { HostService } from './host-service';

type HostCalls = 'host.status' | 'host.list' | 'host.start' | 'host.stop' | 'host.switch';

export interface HostRoomCore {
  hosts(): HostService;
  readonly tasks: TaskRunner;
  readonly events: CoreEvents;
}

export function hostHandlers(core: HostRoomCore): PartialHandlers<HostCalls> {
  const lifecycle = (verb: 'start' | 'stop', name: string): string =>
    core.tasks.start(`host.${verb}`, async (ctx) => {
      const report = (message: string): void => ctx.progress({ message, subject: name });
      await (verb === 'start' ? core.hosts().start(name, report) : core.hosts().stop(name, report));
      const status = await core.hosts().status();
      core.events.emit('host.changed', status);
      return status;
    });
  return {
    'host.status': (input) => core.hosts().status(input.withProvider !== false),
    'host.list': () => core.hosts().list(),
    'host.start': async (input) => ({ taskId: lifecycle('start', input.name) }),
    'host.stop': async (input) => ({ taskId: lifecycle('stop', input.name) }),
    'host.switch': async (input) => {
      const status = await core.hosts().switchTo(input.name);
      core.events.emit('host.changed', status);
      return status;
    },
  };
}
