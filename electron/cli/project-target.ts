import { SlipwayError, isSlipwayError } from '../../shared/errors';
import type { Project } from '../../shared/model/project';
import type { CliContext } from './context';

export interface ProjectTarget {
  projectId: string;
  /** Service names of the loaded project; absent when only -p named it. */
  services?: string[];
}

/**
 * The loaded compose project or, when `-p NAME` is given and no compose file can be
 * loaded, only that name (the project is then known by its containers' labels).
 */
export async function loadProjectOrName(ctx: CliContext, services: readonly string[] = []): Promise<{ project: Project } | { name: string }> {
  try {
    return { project: await ctx.loadProject(services) };
  } catch (error) {
    if (ctx.global.projectName === undefined) throw error;
    if (isSlipwayError(error) && !/not_found|no_config|not_implemented|no_compose/i.test(error.code)) throw error;
    return { name: ctx.global.projectName };
  }
}

/**
 * The project a command acts on: the loaded compose project, or, when `-p NAME` is
 * given and no compose file can be loaded, the containers labelled with that name
 * (as `docker compose -p NAME logs` works without a file). Unknown services are refused.
 */
export async function projectFromContext(ctx: CliContext, services: readonly string[]): Promise<ProjectTarget> {
  const loaded = await loadProjectOrName(ctx, services);
  const target: ProjectTarget = 'project' in loaded ? { projectId: loaded.project.name, services: Object.keys(loaded.project.model.services) } : { projectId: loaded.name };
  if (target.services) {
    const unknown = services.filter((s) => !target.services?.includes(s));
    if (unknown.length > 0) {
      throw new SlipwayError('no_such_service', `no such service: ${unknown.join(', ')} (project ${target.projectId} has ${target.services.join(', ')})`, 'Check the service names in your compose file.');
    }
  }
  return target;
}

/** A failure to talk to the engine, in one line with what to do. */
export function unreachable(url: string, source: string, error: unknown): SlipwayError {
  if (isSlipwayError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SlipwayError('engine_unreachable', `Cannot reach the Docker engine at ${url} (from ${source}): ${message}`, 'Start Docker, or point DOCKER_HOST or --host at a running engine.');
}
