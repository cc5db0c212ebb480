import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PartialHandlers } from '../api/handlers';
import { loadProject } from '../compose/load-project';
import type { ProjectRegistry } from '../projects/registry';
import type { DoctorService, DoctorTarget } from './doctor-service';

type DoctorCalls = 'doctor.run' | 'doctor.fix';

export interface DoctorRoomCore {
  doctor(): DoctorService;
  readonly projects: ProjectRegistry;
  readonly env: Record<string, string | undefined>;
}

/** What the doctor looks at: an open project, a folder or compose file, or only the host. */
function target(core: DoctorRoomCore, input: { projectId?: string | undefined; path?: string | undefined }): DoctorTarget {
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

export function doctorHandlers(core: DoctorRoomCore): PartialHandlers<DoctorCalls> {
  return {
    'doctor.run': (input) => core.doctor().run(target(core, input)),
    'doctor.fix': (input) => core.doctor().fix(input.checkId, target(core, input)),
  };
}
