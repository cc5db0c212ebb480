import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PartialHandlers } from '../api/handlers';
import { loadProject } from '../compose/load-project';
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
  readonly env: Record<string, string | undefined>;
}

function target(core: HostRoomCore, input: { projectId?: string | undefined; path?: string | undefined }): DoctorTarget {
  if (input.projectId !== undefined) {
    const projectId = input.projectId;
    const dir = core.projects.get(projectId).workingDir;
    return { loadProject: () => core.projects.reload(projectId), projectDir: dir };
  }
  if (input.path !== undefined) {
    const given = path.resolve(input.path);
    const isFile = existsSync(given) && statSync(given).isFile();
    const options = isFile ? { cwd: path.dirname(given), files: [given], env: core.env } : { cwd: given, env: core.env };
    return { loadProject: () => loadProject(options), projectDir: isFile ? path.dirname(given) : given, requireProject: true };
  }
  return {};
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
    'doctor.run': (input) => core.doctor().run(target(core, input)),
    'doctor.fix': (input) => core.doctor().fix(input.checkId, target(core, input)),
  };
}
