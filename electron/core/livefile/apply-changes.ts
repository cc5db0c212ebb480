import type { ServiceChange } from '../../../shared/contract/livefile';
import type { Project } from '../../../shared/model/project';
import { listProjectContainers } from '../state/container-list';
import { ignoreGone } from '../stack/service-container';
import type { ProgressListener, StackCore } from '../stack/types';
import { upProject } from '../stack/up';

/**
 * Applies a project's changes as `up` of exactly those services would: changed ones
 * recreated, new ones created, their dependents with `restart: true` restarted, in
 * dependency order and gated on their dependencies as up is; every other container is
 * left as it is. Services gone from the file are orphans: their running containers are
 * stopped (not removed: `up --remove-orphans` or `down --remove-orphans` removes them).
 * Returns what was done to each service touched.
 */
export async function applyChanges(core: StackCore, project: Project, changes: ServiceChange[], onProgress?: ProgressListener): Promise<Record<string, string>> {
  const actions: Record<string, string> = {};
  const toUp = changes.filter((c) => c.change !== 'removed').map((c) => c.service);
  if (toUp.length > 0) {
    const result = await upProject(core, project, { services: toUp, ...(onProgress ? { onProgress } : {}) });
    for (const [service, action] of Object.entries(result.actions)) if (action !== 'unchanged') actions[service] = action;
  }
  const removed = changes.filter((c) => c.change === 'removed').map((c) => c.service);
  if (removed.length > 0) {
    const docker = core.docker().docker;
    const running = (await listProjectContainers(docker, project.name, removed)).filter((c) => c.state === 'running');
    await Promise.all(running.map((c) => docker.getContainer(c.id).stop().catch(ignoreGone)));
    for (const service of removed) actions[service] = 'stopped';
  }
  return actions;
}
