import { SlipwayError } from '../../shared/errors';
import type { CliContext } from './context';

export interface ProjectTarget {
  projectId: string;
  /** Service names of the loaded project; absent when only -p named it. */
  services?: string[];
}

/**
 * The project a command acts on: the loaded compose project, or, when `-p NAME` is
 * given and no compose file can be loaded, the containers labelled with that name
 * (as `docker compose -p NAME logs` works without a file). Unknown services are refused.
 */
export async function projectFromContext(ctx: CliContext, services: readonly string[]): Promise<ProjectTarget> {
  const project = await ctx.openProject({ services, orByName: true });
  const target: ProjectTarget = project.byName ? { projectId: project.projectId } : { projectId: project.projectId, services: project.services };
  if (target.services) {
    const unknown = services.filter((s) => !target.services?.includes(s));
    if (unknown.length > 0) {
      throw new SlipwayError('no_such_service', `no such service: ${unknown.join(', ')} (project ${target.projectId} has ${target.services.join(', ')})`, 'Check the service names in your compose file.');
    }
  }
  return target;
}
