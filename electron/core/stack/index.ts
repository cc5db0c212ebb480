/**
 * The stack room's programmatic API: bring a project up and down, start/stop/restart
 * services, recreate one service, list a project's containers. Everything else in this
 * folder is an implementation detail.
 */
import type { Project } from '../../../shared/model/project';
import type { StackCore } from './types';
import type { UpOptions, UpResult } from './up';
import { upProject } from './up';

export { upProject } from './up';
export type { UpOptions, UpResult, ServiceAction } from './up';
export { downProject } from './down';
export type { DownOptions, DownResult } from './down';
export { startServices, stopServices, restartServices } from './start-stop';
export type { ServicesOptions } from './start-stop';
export { listProjectContainers } from '../state/container-list';
export type { ProjectContainer } from '../state/container-record';
export { psProject } from './ps';
export { ServiceFailedError } from './errors';
export { serviceConfigHash } from './labels';
export { LABEL } from '../state/compose-labels';
export type { StackCore, StackProgress, ProgressListener } from './types';

/**
 * Recreates one service's container from the current configuration (for watch `rebuild`),
 * without touching its dependencies, and waits until it is ready. As Compose's watch rebuild,
 * it runs the image there is (just built): no pull, and no second build for `pull_policy: build`.
 */
export function recreateService(core: StackCore, project: Project, service: string, options: Omit<UpOptions, 'services' | 'noDeps' | 'forceRecreate'> = {}): Promise<UpResult> {
  return upProject(core, project, { wait: true, images: { noBuild: true, pull: 'never' }, ...options, services: [service], noDeps: true, forceRecreate: [service] });
}
