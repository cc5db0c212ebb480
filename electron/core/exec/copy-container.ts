import type Docker from 'dockerode';
import { z } from 'zod';
import { SlipwayError } from '../../../shared/errors';
import { listOneOffContainers, listProjectContainers } from '../state/container-list';
import { statusCode } from '../thrown';

export interface CopyContainer {
  id: string;
  name: string;
}

/**
 * The containers `cp` acts on, as Compose's listContainersTargetedForCopy picks them: with
 * `index`, that container of the service; otherwise its containers (stopped ones too, one-offs
 * with `all`), the first only when copying from it.
 */
export async function copyContainers(docker: Docker, projectName: string, service: string, options: { index?: number | undefined; all?: boolean | undefined; from: boolean }): Promise<CopyContainer[]> {
  const own = await listProjectContainers(docker, projectName, [service]);
  if (options.index !== undefined) {
    const found = own.find((c) => c.number === options.index);
    if (!found) throw new SlipwayError('no_such_container', `service "${service}" has no container number ${options.index}`, own.length > 0 ? `It has ${own.map((c) => c.number).join(', ')}.` : `Create it first: slipway up ${service}`);
    return [{ id: found.id, name: found.name }];
  }
  const oneOffs = options.all ? (await listOneOffContainers(docker, projectName)).filter((c) => c.service === service) : [];
  const all = [...own.map((c) => ({ id: c.id, name: c.name })), ...oneOffs.map((c) => ({ id: c.id, name: c.name }))];
  if (all.length === 0) throw new SlipwayError('no_such_container', `no container found for service "${service}"`, `Create it first: slipway up ${service}`);
  return options.from ? all.slice(0, 1) : all;
}

/** Go's os.FileMode bits the engine's path stat carries. */
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;

const PathStat = z.object({ name: z.string(), mode: z.number(), linkTarget: z.string().optional() });

export interface ContainerPathStat {
  isDir: boolean;
  isSymlink: boolean;
  linkTarget: string;
}

/** What is at a path in a container (HEAD /containers/{id}/archive), or undefined when nothing is. */
export async function statInContainer(docker: Docker, containerId: string, containerPath: string): Promise<ContainerPathStat | undefined> {
  let response: unknown;
  try {
    response = await docker.getContainer(containerId).infoArchive({ path: containerPath });
  } catch (error) {
    if (statusCode(error) === 404) return undefined;
    throw error;
  }
  const headers: unknown = typeof response === 'object' && response !== null ? Reflect.get(response, 'headers') : undefined;
  const raw: unknown = typeof headers === 'object' && headers !== null ? Reflect.get(headers, 'x-docker-container-path-stat') : undefined;
  if (typeof raw !== 'string') return undefined;
  const stat = PathStat.parse(JSON.parse(Buffer.from(raw, 'base64').toString('utf8')));
  // The mode is a uint32: test the high bits by division, not with 32-bit bitwise operators.
  return { isDir: Math.floor(stat.mode / MODE_DIR) % 2 === 1, isSymlink: Math.floor(stat.mode / MODE_SYMLINK) % 2 === 1, linkTarget: stat.linkTarget ?? '' };
}
