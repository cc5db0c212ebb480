import type { Project } from '../../../shared/model/project';
import type { ContainerImage, ContainerTop } from '../../../shared/contract/stack-ops';
import { SlipwayError } from '../../../shared/errors';
import { statusCode } from '../thrown';
import type { ProjectContainer } from '../state/container-record';
import { listOneOffContainers, listProjectContainers } from '../state/container-list';
import { checkServiceNames } from './plan';
import { ignoreGone } from './service-container';
import type { ProgressListener, StackCore } from './types';

const STOPPED = new Set(['exited', 'created', 'dead']);

/** The service containers of all or the named services (names checked against the file, when there is one). */
async function containersOf(core: StackCore, project: Project, services: readonly string[] | undefined): Promise<ProjectContainer[]> {
  if (services && services.length > 0 && project.configFiles.length > 0) checkServiceNames(project, [...services]);
  return listProjectContainers(core.docker().docker, project.name, services);
}

/** `rm`: the stopped service containers (with `stop`, running ones are stopped first); `volumes` takes their anonymous volumes. */
export async function removeStopped(core: StackCore, project: Project, options: { services?: string[]; stop?: boolean; volumes?: boolean; onProgress?: ProgressListener }): Promise<string[]> {
  const docker = core.docker().docker;
  const report = options.onProgress ?? (() => undefined);
  let containers = await containersOf(core, project, options.services);
  if (options.stop) {
    await Promise.all(containers.filter((c) => !STOPPED.has(c.state)).map(async (c) => {
      report({ kind: 'Container', name: c.name, status: 'Stopping', service: c.service });
      await docker.getContainer(c.id).stop().catch(ignoreGone);
      report({ kind: 'Container', name: c.name, status: 'Stopped', service: c.service });
    }));
    containers = await containersOf(core, project, options.services);
  }
  const targets = containers.filter((c) => STOPPED.has(c.state));
  await Promise.all(targets.map(async (c) => {
    report({ kind: 'Container', name: c.name, status: 'Removing', service: c.service });
    await docker.getContainer(c.id).remove({ v: options.volumes === true }).catch(ignoreGone);
    report({ kind: 'Container', name: c.name, status: 'Removed', service: c.service });
  }));
  return targets.map((c) => c.name);
}

/** `kill`: a signal (SIGKILL by default) to the running containers of all or the named services, or to one container of the project. */
export async function killContainers(core: StackCore, project: Project, options: { services?: string[]; container?: string; signal?: string; onProgress?: ProgressListener }): Promise<void> {
  const docker = core.docker().docker;
  const report = options.onProgress ?? (() => undefined);
  const signal = options.signal ?? 'SIGKILL';
  let targets: { id: string; name: string; service: string }[];
  if (options.container !== undefined) {
    const all = [...await listProjectContainers(docker, project.name), ...await listOneOffContainers(docker, project.name)];
    const wanted = options.container;
    targets = all.filter((c) => c.name === wanted || c.id === wanted);
    if (targets.length === 0) throw new SlipwayError('no_container', `No container ${wanted} in project ${project.name}`);
  } else {
    targets = (await containersOf(core, project, options.services)).filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
  }
  await Promise.all(targets.map(async (c) => {
    report({ kind: 'Container', name: c.name, status: 'Killing', service: c.service });
    await docker.getContainer(c.id).kill({ signal }).catch((error: unknown) => {
      // 409: not running any more.
      if (statusCode(error) !== 409) ignoreGone(error);
    });
    report({ kind: 'Container', name: c.name, status: 'Killed', service: c.service });
  }));
}

/** `pause` / `unpause` the running (or paused) containers of all or the named services. */
export async function setPaused(core: StackCore, project: Project, paused: boolean, options: { services?: string[]; onProgress?: ProgressListener }): Promise<void> {
  const docker = core.docker().docker;
  const report = options.onProgress ?? (() => undefined);
  const targets = (await containersOf(core, project, options.services)).filter((c) => c.state === (paused ? 'running' : 'paused'));
  await Promise.all(targets.map(async (c) => {
    report({ kind: 'Container', name: c.name, status: paused ? 'Pausing' : 'Unpausing', service: c.service });
    if (paused) await docker.getContainer(c.id).pause();
    else await docker.getContainer(c.id).unpause();
    report({ kind: 'Container', name: c.name, status: paused ? 'Paused' : 'Unpaused', service: c.service });
  }));
}

/** `busybox:latest` → busybox, latest; `host:5000/app` → host:5000/app, latest; a digest keeps `<none>`. */
export function splitReference(reference: string): { repository: string; tag: string } {
  if (reference.startsWith('sha256:')) return { repository: '<none>', tag: '<none>' };
  const at = reference.indexOf('@');
  if (at >= 0) return { repository: reference.slice(0, at), tag: '<none>' };
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: 'latest' };
}

/** `images`: each container's image, as `docker compose images` lists it. */
export async function containerImages(core: StackCore, project: Project, services?: string[]): Promise<ContainerImage[]> {
  const docker = core.docker().docker;
  const containers = await containersOf(core, project, services);
  return Promise.all(containers.map(async (c) => {
    const image = await docker.getImage(c.imageId).inspect().catch(() => undefined);
    const reference = c.image.startsWith('sha256:') ? image?.RepoTags?.[0] ?? c.image : c.image;
    return { container: c.name, service: c.service, ...splitReference(reference), id: c.imageId, size: image?.Size ?? 0 };
  }));
}

/** `top`: the processes of each running container. */
export async function containerProcesses(core: StackCore, project: Project, services?: string[]): Promise<ContainerTop[]> {
  const docker = core.docker().docker;
  const containers = (await containersOf(core, project, services)).filter((c) => c.state === 'running');
  return Promise.all(containers.map(async (c) => {
    const top: { Titles?: string[]; Processes?: string[][] } = await docker.getContainer(c.id).top();
    return { container: c.name, service: c.service, titles: top.Titles ?? [], processes: top.Processes ?? [] };
  }));
}

/** `port`: where a service container's port is published, or null. */
export async function publishedPort(core: StackCore, project: Project, service: string, port: number, protocol: string, index = 1): Promise<{ hostIp: string; port: number } | null> {
  const containers = await containersOf(core, project, [service]);
  const container = containers.find((c) => c.number === index);
  if (!container) throw new SlipwayError('no_container', `service "${service}" has no container number ${index}`, `Start it first: slipway up ${service}`);
  const binding = container.ports.find((p) => p.target === port && p.protocol === protocol && p.published !== undefined);
  return binding?.published !== undefined ? { hostIp: binding.hostIp ?? '0.0.0.0', port: binding.published } : null;
}
