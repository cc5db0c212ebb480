import type { Project } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import { checkServiceNames } from './plan';

/** `--scale SERVICE=N` (repeatable): how many containers each named service runs, over the file's `scale`. */
export type ScaleOverrides = Readonly<Record<string, number>>;

/**
 * How many containers a service runs (compose-go's `GetScale`): an `--scale` override, else
 * `scale:`, else `deploy.replicas`, else 1. More than one with a `container_name` is refused,
 * as Compose's getScale does: Docker names must be unique.
 */
export function serviceScale(project: Project, service: string, overrides: ScaleOverrides = {}): number {
  const config = project.model.services[service] ?? {};
  const deploy = config.deploy?.replicas;
  const scale = overrides[service] ?? config.scale ?? (typeof deploy === 'number' ? deploy : 1);
  if (scale > 1 && config.container_name) {
    throw new SlipwayError(
      'compose_invalid',
      `The "${service}" service is using the custom container name "${config.container_name}"; Docker requires each container to have a unique name, so it cannot run ${scale} replicas`,
      `Remove container_name from ${service} to scale it (replicas are named ${project.name}-${service}-1, -2, …).`,
    );
  }
  return scale;
}

/** Checks `--scale` overrides: known services, whole numbers of 0 or more. */
export function checkScaleOverrides(project: Project, overrides: ScaleOverrides): void {
  checkServiceNames(project, Object.keys(overrides));
  for (const [service, scale] of Object.entries(overrides)) {
    if (!Number.isInteger(scale) || scale < 0) throw new SlipwayError('usage', `--scale ${service}=${scale}: the number of replicas must be a whole number of 0 or more`);
  }
}

