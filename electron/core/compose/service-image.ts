import type { Project } from '../../../shared/model/project';

/**
 * The image a service runs: its `image:`, or for a built service Compose's default
 * `<project>-<service>` (compose-go's GetImageNameOrDefault), lowercased because the engine
 * refuses repository names with capitals (Compose fails there; see docs/compose.md).
 */
export function serviceImage(project: Project, service: string): string {
  return project.model.services[service]?.image ?? defaultImageName(project.name, service);
}

/** Compose's name for a built image when the service has no `image:`. */
export function defaultImageName(projectName: string, service: string): string {
  return `${projectName}-${service}`.toLowerCase();
}
