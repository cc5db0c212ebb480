import type { CliContext } from './context';
import { runStackTask } from './stack-cli';

/**
 * What `watch` does before watching, as Compose's does: the selected services (all when
 * none is named) and their dependencies are brought up as `up` would, unless every one of
 * them already runs. Images that are missing are pulled or built by `up` itself (the core
 * decides, as Compose's ensureImagesExists). Returns true when it ran `up`.
 */
export async function upUnlessRunning(ctx: CliContext, projectId: string, services: string[], allServices: readonly string[]): Promise<boolean> {
  const client = ctx.client();
  const selected = services.length > 0 ? { services } : {};
  const containers = await client.call('stack.ps', { projectId, ...selected, all: false });
  const running = new Set(containers.filter((c) => c.state === 'running').map((c) => c.service));
  const wanted = services.length > 0 ? services : allServices;
  if (wanted.every((service) => running.has(service))) return false;
  await runStackTask(ctx, 'stack.up', { projectId, ...selected });
  return true;
}
