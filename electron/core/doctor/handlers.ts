import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ParsedCallInput } from '../../../shared/contract';
import type { ProjectOptions } from '../../../shared/model/project';
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

type DoctorTargetInput = ParsedCallInput<'doctor.run'>;

/** What the doctor looks at: an open project, a folder or compose file, or only the host. */
function target(core: DoctorRoomCore, input: DoctorTargetInput): DoctorTarget {
  if (input.projectId !== undefined) {
    const projectId = input.projectId;
    const dir = core.projects.get(projectId).workingDir;
    return { loadProject: () => core.projects.reload(projectId), projectDir: dir };
  }
  if (input.path !== undefined) {
    const given = path.resolve(input.path);
    const isFile = existsSync(given) && statSync(given).isFile();
    const options = loadOptions(core, input, isFile ? path.dirname(given) : given, isFile ? [given] : undefined);
    return {
      loadProject: () => loadProject(options),
      projectDir: input.projectDirectory !== undefined ? path.resolve(options.cwd ?? given, input.projectDirectory) : options.cwd ?? given,
      ...(input.requireProject === false ? {} : { requireProject: true }),
    };
  }
  return {};
}

/** The loader's options from the target's flags (-f, -p, --profile, --env-file, --project-directory). */
function loadOptions(core: DoctorRoomCore, input: DoctorTargetInput, cwd: string, file: string[] | undefined): ProjectOptions {
  const files = input.files ?? file;
  return {
    cwd,
    env: core.env,
    ...(files ? { files } : {}),
    ...(input.projectName !== undefined ? { projectName: input.projectName } : {}),
    ...(input.projectDirectory !== undefined ? { projectDirectory: input.projectDirectory } : {}),
    ...(input.profiles ? { profiles: input.profiles } : {}),
    ...(input.envFiles ? { envFiles: input.envFiles } : {}),
  };
}

export function doctorHandlers(core: DoctorRoomCore): PartialHandlers<DoctorCalls> {
  return {
    'doctor.run': (input) => core.doctor().run(target(core, input)),
    'doctor.fix': (input) => core.doctor().fix(input.checkId, target(core, input)),
  };
}
