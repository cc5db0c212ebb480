import type { Project, ProjectOptions } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';

/**
 * Discovery, .env, interpolation, merge, extends/include, profiles, normalisation and
 * validation: a compose project as the Compose spec defines it, as one Project.
 */
export async function loadProject(options: ProjectOptions = {}): Promise<Project> {
  void options;
  throw new SlipwayError('not_implemented', 'Project loading is not implemented yet');
}
