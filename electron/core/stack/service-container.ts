import type Docker from 'dockerode';
import type { Project } from '../../../shared/model/project';
import type { ContainerSpec, PeerContainers } from './container-spec';
import { containerSpec } from './container-spec';
import { explainStartError } from './errors';
import type { ProgressListener } from './types';

export interface CreatedContainer {
  id: string;
  name: string;
}

/** Creates a service container and joins its other networks (before it starts). */
export async function createServiceContainer(docker: Docker, project: Project, service: string, number: number, imageId: string, peers: PeerContainers, report: ProgressListener): Promise<CreatedContainer> {
  const spec: ContainerSpec = containerSpec(project, service, number, imageId, peers);
  const name = spec.options.name ?? service;
  report({ kind: 'Container', name, status: 'Creating', service });
  let container: Docker.Container;
  try {
    container = await docker.createContainer(spec.options);
  } catch (error) {
    throw explainStartError(service, error);
  }
  for (const network of spec.extraNetworks) {
    await docker.getNetwork(network.name).connect({ Container: container.id, EndpointConfig: { Aliases: network.aliases } });
  }
  report({ kind: 'Container', name, status: 'Created', service });
  return { id: container.id, name };
}

/** Stops (with the container's own stop timeout unless `timeoutSeconds`) and removes a container. */
export async function removeServiceContainer(docker: Docker, id: string, name: string, service: string, report: ProgressListener, timeoutSeconds?: number, verb: 'Removing' | 'Recreate' = 'Removing'): Promise<void> {
  const container = docker.getContainer(id);
  report({ kind: 'Container', name, status: verb === 'Recreate' ? 'Recreate' : 'Stopping', service });
  await container.stop(timeoutSeconds !== undefined ? { t: timeoutSeconds } : {}).catch(ignoreGone);
  if (verb === 'Removing') report({ kind: 'Container', name, status: 'Removing', service });
  await container.remove({ force: true, v: true }).catch(ignoreGone);
  if (verb === 'Removing') report({ kind: 'Container', name, status: 'Removed', service });
}

/** Starts a container; Docker's refusals (port in use, …) become errors that name the service. */
export async function startServiceContainer(docker: Docker, id: string, name: string, service: string, report: ProgressListener): Promise<void> {
  report({ kind: 'Container', name, status: 'Starting', service });
  try {
    await docker.getContainer(id).start();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 304) throw explainStartError(service, error);
  }
  report({ kind: 'Container', name, status: 'Started', service });
}

/** 304 (already stopped) and 404 (already gone) are fine when stopping or removing. */
export function ignoreGone(error: unknown): void {
  const code = (error as { statusCode?: number }).statusCode;
  if (code === 304 || code === 404) return;
  if (code === 409 && /already in progress/.test(String((error as Error).message))) return;
  throw error;
}
