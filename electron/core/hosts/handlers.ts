import type { PartialHandlers } from '../api/handlers';
import type { DoctorService, DoctorTarget } from '../doctor/doctor-service';
import type { CoreEvents } from '../events';
import type { ProjectRegistry } from '../projects/registry';
import type { TaskRunner } from '../tasks/task-runner';
import type { HostService } from './host-service';

type HostCalls = 'host.status' | 'host.list' | 'host.start' | 'host.stop' | 'host.switch' | 'doctor.run' | 'doctor.fix';

export interface HostRoomCore {
  hosts(): HostService;
  doctor(): DoctorService;
  readonly tasks: TaskRunner;
  readonly events: CoreEvents;
  readonly projects: ProjectRegistry;
}

function target(core: HostRoomCore, projectId: string | undefined): DoctorTarget {
  if (projectId === undefined) return {};
  const dir = core.projects.get(projectId).workingDir;
  return { loadProject: () => core.projects.reload(projectId), projectDir: dir };
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
    'host.status': () => core.hosts().status(),
    'host.list': () => core.hosts().list(),
    'host.start': async (input) => ({ taskId: lifecycle('start', input.name) }),
    'host.stop': async (input) => ({ taskId: lifecycle('stop', input.name) }),
    'host.switch': async (input) => {
      const status = await core.hosts().switchTo(input.name);
      core.events.emit('host.changed', status);
      return status;
    },
    'doctor.run': (input) => core.doctor().run(target(core, input.projectId)),
    'doctor.fix': (input) => core.doctor().fix(input.checkId, target(core, input.projectId)),
  };
}
