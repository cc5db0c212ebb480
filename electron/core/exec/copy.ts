import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { SlipwayError } from '../../../shared/errors';
import { engineMessage, statusCode } from '../thrown';
import { extractToHost, packFromHost } from './copy-archive';
import { copyContainers, statInContainer, type CopyContainer } from './copy-container';
import { copiesContents, placeCopy, type Destination } from './copy-paths';

export interface CopyRequest {
  projectName: string;
  service: string;
  containerPath: string;
  index?: number | undefined;
  all?: boolean | undefined;
  followLink?: boolean | undefined;
  archive?: boolean | undefined;
}

export type CopyStep = (container: string, status: 'Copying' | 'Copied') => void;

/** `SRC/.` is asked of the engine as `SRC` (its root then stands for the contents). */
const withoutDot = (p: string) => (copiesContents(p) ? p.slice(0, -2) || '/' : p);

/** The source path in the container, a symlink at it followed with `-L` (the copy keeps the link's name). */
async function containerSource(docker: Docker, container: CopyContainer, request: CopyRequest): Promise<{ path: string; isDir: boolean }> {
  let source = withoutDot(request.containerPath);
  let found = await statInContainer(docker, container.id, source);
  if (found?.isSymlink && request.followLink) {
    source = path.posix.isAbsolute(found.linkTarget) ? found.linkTarget : path.posix.join(path.posix.dirname(source), found.linkTarget);
    found = await statInContainer(docker, container.id, source);
  }
  if (!found) throw new SlipwayError('cp_no_such_path', `cp: no such file or directory in ${container.name}: ${request.containerPath}`, 'Check the path inside the container (slipway exec SERVICE ls DIR).');
  return { path: source, isDir: found.isDir };
}

/** `cp SERVICE:SRC HOSTPATH`: the first container's file or folder written on the host as `docker cp` places it. */
export async function copyFromContainer(docker: Docker, request: CopyRequest, hostPath: string, onStep: CopyStep): Promise<string[]> {
  const [container] = await copyContainers(docker, request.projectName, request.service, { index: request.index, all: request.all, from: true });
  if (!container) return [];
  const source = await containerSource(docker, container, request);
  const dest = await hostDestination(hostPath);
  const placement = placeCopy({ path: request.containerPath, isDir: source.isDir }, dest);
  if (typeof placement === 'string') throw new SlipwayError('cp_bad_destination', `cp: ${placement}`, 'Name a folder, or a file path whose folder exists.');
  await mustBeFolder(placement.dir, 'host');
  onStep(container.name, 'Copying');
  const archive = await docker.getContainer(container.id).getArchive({ path: source.path });
  await extractToHost(archive, placement);
  onStep(container.name, 'Copied');
  return [container.name];
}

/** `cp HOSTPATH SERVICE:DEST`: a host file or folder into each container of the service (or the one `--index` names). */
export async function copyToContainers(docker: Docker, request: CopyRequest, hostPath: string, onStep: CopyStep): Promise<string[]> {
  const containers = await copyContainers(docker, request.projectName, request.service, { index: request.index, all: request.all, from: false });
  const packed = withoutDot(hostPath);
  const info = await (request.followLink ? stat(packed) : lstat(packed)).catch(() => undefined);
  if (!info) throw new SlipwayError('cp_no_such_path', `cp: no such file or directory: ${hostPath}`, 'Check the path on this machine.');
  const done: string[] = [];
  for (const container of containers) {
    const dest = await containerDestination(docker, container, request.containerPath);
    const placement = placeCopy({ path: hostPath, isDir: info.isDirectory() }, dest);
    if (typeof placement === 'string') throw new SlipwayError('cp_bad_destination', `cp: ${container.name}: ${placement}`, 'Name a folder in the container, or a file path whose folder exists.');
    onStep(container.name, 'Copying');
    await putInto(docker, container, placement.dir, packFromHost(packed, placement.rootName, { followLink: request.followLink === true }), request.archive === true);
    onStep(container.name, 'Copied');
    done.push(container.name);
  }
  return done;
}

/** What is at the destination in a container (a symlink there followed once, as docker cp does). */
async function containerDestination(docker: Docker, container: CopyContainer, containerPath: string): Promise<Destination> {
  let target = containerPath;
  let found = await statInContainer(docker, container.id, target);
  if (found?.isSymlink) {
    target = path.posix.isAbsolute(found.linkTarget) ? found.linkTarget : path.posix.join(path.posix.dirname(target), found.linkTarget);
    found = await statInContainer(docker, container.id, target);
  }
  return { path: target, exists: found !== undefined, isDir: found?.isDir === true };
}

async function hostDestination(hostPath: string): Promise<Destination> {
  const info = await stat(hostPath).catch(() => undefined);
  return { path: hostPath, exists: info !== undefined, isDir: info?.isDirectory() === true };
}

async function mustBeFolder(dir: string, where: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new SlipwayError('cp_bad_destination', `cp: the ${where} folder ${dir} does not exist`, 'Create it first, or copy into a folder that exists.');
}

/** PUT /containers/{id}/archive, a missing folder in the container said in words. */
export async function putInto(docker: Docker, container: CopyContainer, dir: string, archive: NodeJS.ReadableStream, keepOwners: boolean): Promise<void> {
  try {
    await docker.getContainer(container.id).putArchive(archive, { path: dir, noOverwriteDirNonDir: true, ...(keepOwners ? { copyUIDGID: true } : {}) });
  } catch (error) {
    if (statusCode(error) === 404) throw new SlipwayError('cp_bad_destination', `cp: the folder ${dir} does not exist in ${container.name}`, 'Create it first (slipway exec SERVICE mkdir -p DIR), or copy into a folder that exists.');
    throw new SlipwayError('cp_failed', `cp: ${container.name}: ${engineMessage(error) ?? (error instanceof Error ? error.message : String(error))}`);
  }
}

/** The tar of a container path, for `cp SERVICE:SRC -`. */
export async function archiveOf(docker: Docker, request: CopyRequest): Promise<NodeJS.ReadableStream> {
  const [container] = await copyContainers(docker, request.projectName, request.service, { index: request.index, all: request.all, from: true });
  if (!container) throw new SlipwayError('no_such_container', `no container found for service "${request.service}"`);
  const source = await containerSource(docker, container, request);
  return docker.getContainer(container.id).getArchive({ path: copiesContents(request.containerPath) ? `${source.path.replace(/\/$/, '')}/.` : source.path });
}

/** The containers a tar from stdin goes into (`cp - SERVICE:DEST`): DEST must be a folder in each, as docker cp says. */
export async function archiveTargets(docker: Docker, request: CopyRequest): Promise<{ container: CopyContainer; dir: string }[]> {
  const containers = await copyContainers(docker, request.projectName, request.service, { index: request.index, all: request.all, from: false });
  const out: { container: CopyContainer; dir: string }[] = [];
  for (const container of containers) {
    const dest = await containerDestination(docker, container, request.containerPath);
    if (!dest.isDir) throw new SlipwayError('cp_bad_destination', `cp: destination "${container.name}:${request.containerPath}" must be a directory`, 'A tar from stdin is unpacked into a folder that exists.');
    out.push({ container, dir: dest.path });
  }
  return out;
}
