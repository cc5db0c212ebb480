import type { Project } from '../../../shared/model/project';
import type { ProjectContainer } from '../state/container-record';
import { listOneOffContainers, listProjectContainers } from '../state/container-list';
import { dependenciesOf, dependentsOf } from './plan';
import { removeNetworks, removeVolumes } from './resources';
import { imagesToRemove, removeImages, type RemoveImagesMode } from './down-images';
import { removeServiceContainer } from './service-container';
import { inReverseOrder } from './start-stop';
import type { ProgressListener, StackCore } from './types';

export interface DownOptions {
  /** Also remove named volumes and the containers' anonymous volumes (`-v`). */
  volumes?: boolean;
  /** Stop timeout in seconds for every container (`-t`); otherwise each container's stop_grace_period. */
  timeoutSeconds?: number;
  /** Also remove containers of services no longer in the file. */
  removeOrphans?: boolean;
  /** `--rmi local|all`: also remove the services' images. */
  removeImages?: RemoveImagesMode;
  onProgress?: ProgressListener;
}

export interface DownResult {
  removedContainers: string[];
  orphansLeft: string[];
}

/**
 * Takes the project down: containers stopped in reverse dependency order (a service stops
 * only after everything that depends on it) and removed, then the project's networks, and
 * with `volumes` its named volumes.
 */
export async function downProject(core: StackCore, project: Project, options: DownOptions = {}): Promise<DownResult> {
  const docker = core.docker().docker;
  const report: ProgressListener = options.onProgress ?? (() => undefined);
  const containers = await listProjectContainers(docker, project.name);
  const isOrphan = (c: ProjectContainer) => !project.model.services[c.service];
  const targets = containers.filter((c) => options.removeOrphans || !isOrphan(c));
  const orphansLeft = [...new Set(containers.filter((c) => !targets.includes(c)).map((c) => c.service))];
  const deps = dependenciesOf(project);
  await inReverseOrder(targets, dependentsOf(deps), (c) => removeServiceContainer(docker, c.id, c.name, c.service, report, {
    ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
    removeVolumes: options.volumes === true,
  }));
  // As Compose: --remove-orphans takes the project's one-off (`run`) containers too.
  const oneOffs = await listOneOffContainers(docker, project.name);
  if (options.removeOrphans) {
    await Promise.all(oneOffs.map((c) => removeServiceContainer(docker, c.id, c.name, c.service, report, {
      ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
      removeVolumes: options.volumes === true,
    })));
  }
  const oneOffsLeft = options.removeOrphans ? [] : oneOffs.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
  if (orphansLeft.length > 0) {
    report({ kind: 'Warning', name: project.name, status: `Orphan containers left for services not in the project: ${orphansLeft.join(', ')}. Run down with --remove-orphans to remove them.` });
  }
  if (oneOffsLeft.length > 0) {
    report({ kind: 'Warning', name: project.name, status: `One-off containers left running: ${oneOffsLeft.map((c) => c.name).join(', ')}. Run down with --remove-orphans to remove them.` });
  }
  await removeNetworks(docker, project, (kind, name, status) => report({ kind, name, status })).catch((error: unknown) => {
    // A network still in use by what was left behind stays, as the warning says.
    if (orphansLeft.length === 0 && oneOffsLeft.length === 0) throw error;
  });
  if (options.removeImages) await removeImages(docker, await imagesToRemove(docker, project, options.removeImages), report);
  if (options.volumes) await removeVolumes(docker, project, (kind, name, status) => report({ kind, name, status }));
  return { removedContainers: targets.map((c) => c.name), orphansLeft };
}
