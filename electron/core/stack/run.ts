import type { Project } from '../../../shared/model/project';
import { shellSplit } from '../compose/shell-split';
import { listProjectContainers } from '../state/container-list';
import { explainStartError } from './errors';
import { fileObjectMounts, injectFileObjects } from './file-objects';
import { ensureImages } from './images';
import { oneOffSpec, type OneOffOptions } from './oneoff-spec';
import { checkServiceNames } from './plan';
import { upDependencies } from './run-deps';
import { ensureNetworks, ensureVolumes, usedNetworkKeys, usedVolumeKeys } from './resources';
import type { CreatedContainer } from './service-container';
import type { ProgressListener, StackCore } from './types';

export interface RunOptions extends Omit<OneOffOptions, 'entrypoint'> {
  /** `--entrypoint`, split as a shell would. */
  entrypoint?: string;
  noDeps?: boolean;
  detach?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/**
 * `run`: the service's dependencies brought up as `up` would, and awaited on the service's
 * own depends_on conditions (upDependencies), then the one-off container created —
 * and with `detach` started. Attaching and starting otherwise is the caller's (stack.runStart).
 */
export async function runOneOff(core: StackCore, project: Project, service: string, options: RunOptions = {}): Promise<CreatedContainer> {
  const docker = core.docker().docker;
  const report: ProgressListener = options.onProgress ?? (() => undefined);
  checkServiceNames(project, [service]);
  if (!options.noDeps) {
    await upDependencies(core, project, service, {
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      report,
    });
  }
  const resources = (kind: 'Network' | 'Volume', name: string, status: string) => report({ kind, name, status });
  // Images first, as up does (and Compose's run): a refused pull leaves nothing made.
  const images = await ensureImages(core, project, [service], {
    report: (image, status) => report({ kind: 'Image', name: image, status }),
    warn: (message) => report({ kind: 'Warning', name: project.name, status: message }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const [existing] = await Promise.all([
    listProjectContainers(docker, project.name),
    ensureNetworks(docker, project, usedNetworkKeys(project, [service]), resources),
    ensureVolumes(docker, project, usedVolumeKeys(project, [service]), resources),
  ]);
  const peers: Record<string, string> = {};
  for (const c of existing) if (c.number === 1 || peers[c.service] === undefined) peers[c.service] = c.id;
  const { entrypoint, ...rest } = options;
  const spec = oneOffSpec(project, service, images.get(service)?.id ?? '', { ...rest, ...(entrypoint !== undefined ? { entrypoint: shellSplit(entrypoint) } : {}) }, peers);
  const name = spec.options.name ?? service;
  let id: string;
  try {
    id = (await docker.createContainer(spec.options)).id;
  } catch (error) {
    throw explainStartError(service, error);
  }
  for (const network of spec.extraNetworks) {
    await docker.getNetwork(network.name).connect({ Container: id, EndpointConfig: { Aliases: network.aliases } });
  }
  await injectFileObjects(docker, id, service, project.model.services[service]?.read_only === true, fileObjectMounts(project, service));
  if (options.detach) {
    try {
      await docker.getContainer(id).start();
    } catch (error) {
      throw explainStartError(service, error);
    }
  }
  return { id, name };
}
