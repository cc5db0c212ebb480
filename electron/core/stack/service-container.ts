import type Docker from 'dockerode';
import type { Project } from '../../../shared/model/project';
import type { ContainerSpec, SpecOptions } from './container-spec';
import { containerSpec, inheritedVolumes } from './container-spec';
import type { ProjectContainer } from '../state/container-record';
import { untilAborted } from '../deadline';
import { explainStartError } from './errors';
import { fileObjectMounts, injectFileObjects } from './file-objects';
import type { ProgressListener } from './types';

export interface CreatedContainer {
  id: string;
  name: string;
}

/** Creates a service container and joins its other networks (before it starts). */
export async function createServiceContainer(docker: Docker, project: Project, service: string, number: number, imageId: string, extra: SpecOptions, report: ProgressListener): Promise<CreatedContainer> {
  const spec: ContainerSpec = containerSpec(project, service, number, imageId, extra);
  const name = spec.options.name ?? service;
  if (!extra.name) report({ kind: 'Container', name, status: 'Creating', service });
  let container: Docker.Container;
  try {
    container = await docker.createContainer(spec.options);
  } catch (error) {
    throw explainStartError(service, error);
  }
  for (const network of spec.extraNetworks) {
    await docker.getNetwork(network.name).connect({ Container: container.id, EndpointConfig: { Aliases: network.aliases } });
  }
  await injectFileObjects(docker, container.id, service, project.model.services[service]?.read_only === true, fileObjectMounts(project, service));
  if (!extra.name) report({ kind: 'Container', name, status: 'Created', service });
  return { id: container.id, name };
}

export interface RecreateOptions {
  image: { id: string; volumes: string[] };
  peers: SpecOptions['peers'];
  /** Carry the old container's anonymous volumes over (Compose's default; `up -V` turns it off). */
  inherit: boolean;
  /** Cancels the recreate before the rename: the replacement is removed, the old container left to its stop. */
  signal?: AbortSignal | undefined;
}

/**
 * Replaces a service container as Compose does (pkg/compose/reconcile.go): the new one is
 * created under a temporary name first, with the old one's anonymous volumes (and those at
 * the image's VOLUME paths); only then is the old one stopped and removed — keeping its
 * volumes — and the new one renamed. A refused create leaves the old container as it was;
 * a cancel (Ctrl+C) before the rename removes the replacement, so no `<id>_<name>` is left.
 */
export async function recreateServiceContainer(docker: Docker, project: Project, service: string, old: ProjectContainer, options: RecreateOptions, report: ProgressListener): Promise<CreatedContainer> {
  const config = project.model.services[service] ?? {};
  const inherited = options.inherit ? inheritedVolumes(config, old.mounts, options.image.volumes) : [];
  report({ kind: 'Container', name: old.name, status: 'Recreate', service });
  const temporary = `${old.id.slice(0, 12)}_${old.name}`;
  const created = await createServiceContainer(docker, project, service, old.number, options.image.id, {
    ...(options.peers ? { peers: options.peers } : {}),
    inherited,
    name: temporary,
    replaces: old.name,
  }, report);
  const previous = docker.getContainer(old.id);
  try {
    // A stop waits out the grace period; a cancel does not wait for it (the engine goes on stopping).
    await untilAborted(previous.stop().catch(ignoreGone), options.signal);
    options.signal?.throwIfAborted();
    await previous.remove({ force: true, v: false }).catch(ignoreGone);
  } catch (error) {
    await docker.getContainer(created.id).remove({ force: true, v: false }).catch(() => undefined);
    throw options.signal?.aborted ? error : explainStartError(service, error);
  }
  const name = containerSpec(project, service, old.number, options.image.id).options.name ?? old.name;
  await docker.getContainer(created.id).rename({ name });
  report({ kind: 'Container', name, status: 'Recreated', service });
  return { id: created.id, name };
}

/**
 * Stops (with the container's own stop timeout unless `timeoutSeconds`) and removes a
 * container; its anonymous volumes go with it only when `removeVolumes` (`down -v`), as in Compose.
 */
export async function removeServiceContainer(docker: Docker, id: string, name: string, service: string, report: ProgressListener, options: { timeoutSeconds?: number; removeVolumes?: boolean } = {}): Promise<void> {
  const container = docker.getContainer(id);
  report({ kind: 'Container', name, status: 'Stopping', service });
  await container.stop(options.timeoutSeconds !== undefined ? { t: options.timeoutSeconds } : {}).catch(ignoreGone);
  report({ kind: 'Container', name, status: 'Removing', service });
  await container.remove({ force: true, v: options.removeVolumes === true }).catch(ignoreGone);
  report({ kind: 'Container', name, status: 'Removed', service });
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
