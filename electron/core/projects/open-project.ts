import type { OpenProjectInput } from '../../../shared/contract/projects';
import { isSlipwayError } from '../../../shared/errors';
import type { Project } from '../../../shared/model/project';
import type { ProjectRegistry } from './registry';

/** Loader failures that mean "there is no compose file here" (not a broken one). */
const NO_COMPOSE_FILE = /not_found|no_config|not_implemented|no_compose/i;

/**
 * Opens the project the input selects. With `orByName` and a `projectName`, a folder
 * without a compose file opens the project by that name alone (its containers' labels),
 * as `docker compose -p NAME ps|down|logs` work without a file; a broken file still fails.
 */
export async function openOrName(registry: ProjectRegistry, input: OpenProjectInput): Promise<Project> {
  try {
    return await registry.openProject({
      cwd: input.path,
      ...(input.files ? { files: input.files } : {}),
      ...(input.profiles ? { profiles: input.profiles } : {}),
      ...(input.envFiles ? { envFiles: input.envFiles } : {}),
      ...(input.projectName ? { projectName: input.projectName } : {}),
      ...(input.projectDirectory ? { projectDirectory: input.projectDirectory } : {}),
      ...(input.services && input.services.length > 0 ? { services: input.services } : {}),
    });
  } catch (error) {
    if (!input.orByName || input.projectName === undefined) throw error;
    if (isSlipwayError(error) && !NO_COMPOSE_FILE.test(error.code)) throw error;
    return registry.openByName(input.projectName, input.path);
  }
}
