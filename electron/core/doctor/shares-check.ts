import path from 'node:path';
import { serviceImage } from '../compose/service-image';
import { bindFolders } from '../shares/bind-folders';
import { probeFolder } from '../shares/probe-mount';
import type { EngineProbe } from './engine-checks';
import type { ProjectLoad } from './project-checks';
import type { DoctorCheck } from './types';

/**
 * Which bind-mounted folders the engine sees: each is probed with a marker and a container
 * of the service's image (created, never started); those that do not reach the engine are
 * named with why, and `up` synchronizes them (docs/compose.md, synchronized file shares).
 */
export async function sharesCheck(load: ProjectLoad, probe: EngineProbe): Promise<DoctorCheck | undefined> {
  if (!load || !('project' in load)) return undefined;
  const { project } = load;
  const folders = bindFolders(project);
  if (folders.length === 0) return undefined;
  const base = { id: 'project.shares', title: 'Bind-mounted folders reach the engine' };
  if (!probe.ping?.ok || !probe.connection) return { ...base, status: 'warn', message: 'Not checked: the engine is not reachable' };
  const { docker, host } = probe.connection;
  const reaching: string[] = [];
  const not: string[] = [];
  const unprobed: string[] = [];
  for (const folder of folders) {
    const where = `${folder.service}:${folder.target} ← ${path.relative(project.workingDir, folder.source) || '.'}`;
    const image = serviceImage(project, folder.service);
    const present = await docker.getImage(image).inspect().then(() => true, () => false);
    if (!present) {
      unprobed.push(`${where} (no image ${image} yet)`);
      continue;
    }
    const answer = await probeFolder(docker, image, folder.source, host.url);
    if (answer.reaches) reaching.push(where);
    else if (answer.probed) not.push(`${where}: ${answer.reason ?? 'not seen'}`);
    else unprobed.push(`${where} (${answer.reason ?? 'not probed'})`);
  }
  const tail = [reaching.length > 0 ? `reach the engine: ${reaching.join(', ')}` : '', unprobed.length > 0 ? `not probed: ${unprobed.join(', ')}` : ''].filter(Boolean).join('; ');
  if (not.length > 0) {
    return {
      ...base,
      status: 'warn',
      message: `Do not reach the engine: ${not.join('; ')}${tail ? `; ${tail}` : ''}`,
      fix: { kind: 'command', command: '`slipway up` synchronizes these folders into project volumes (x-slipway.sync in docs/compose.md); or share the folder with the engine\'s VM.' },
    };
  }
  return { ...base, status: unprobed.length > 0 && reaching.length === 0 ? 'warn' : 'ok', message: tail.charAt(0).toUpperCase() + tail.slice(1) };
}
