import type Docker from 'dockerode';
import { LABEL } from '../state/compose-labels';
import type { ProjectContainer } from '../state/container-record';
import { ignoreGone } from './service-container';
import type { ProgressListener } from './types';

/** The temporary name a recreate gives the replacement: `<old id, 12 hex>_<name>`. */
const TEMPORARY_NAME = /^[0-9a-f]{12}_/;

/** The name a half-made replacement was meant to take, when `container` is one. */
function meantName(container: ProjectContainer): string | undefined {
  const replaces = container.labels[LABEL.replace];
  if (replaces === undefined || container.name === replaces || !TEMPORARY_NAME.test(container.name)) return undefined;
  return replaces;
}

/**
 * What a recreate cut short leaves (the process killed between creating the replacement
 * under its temporary name and renaming it), tidied before up plans, so that up converges:
 * while the old container is still there, the replacement — never started — is removed
 * (volumes kept) and the service is planned as usual; once the old one is gone, the
 * replacement takes the name it was meant to have. Returns the containers as they are now.
 */
export async function finishInterruptedRecreates(docker: Docker, containers: ProjectContainer[], report: ProgressListener): Promise<ProjectContainer[]> {
  const out: ProjectContainer[] = [];
  for (const container of containers) {
    const name = meantName(container);
    if (name === undefined) {
      out.push(container);
      continue;
    }
    const oldStillThere = containers.some((c) => c.id !== container.id && c.name === name);
    if (oldStillThere) {
      await docker.getContainer(container.id).remove({ force: true, v: false }).catch(ignoreGone);
      report({ kind: 'Container', name: container.name, status: 'Removed', service: container.service });
      continue;
    }
    await docker.getContainer(container.id).rename({ name });
    report({ kind: 'Container', name, status: 'Renamed', service: container.service });
    out.push({ ...container, name });
  }
  return out;
}
