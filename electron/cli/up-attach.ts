import { z } from 'zod';
import type { ProjectDetail } from '../../shared/contract/projects';
import { SlipwayError } from '../../shared/errors';

export interface AttachFlags {
  /** `up SERVICE...` (empty: all). */
  services: readonly string[];
  /** `--attach SERVICE` (repeatable). */
  attach: readonly string[];
  /** `--no-attach SERVICE` (repeatable). */
  noAttach: readonly string[];
  /** `--attach-dependencies`. */
  attachDependencies: boolean;
}

/** What a service says about being attached: `attach: false` in the compose file keeps its logs out. */
const AttachModel = z.object({ services: z.record(z.string(), z.object({ attach: z.boolean().optional() }).loose()) }).loose();

/** `--attach` and `--attach-dependencies` together are refused, as Compose refuses them. */
export function checkAttachFlags(flags: AttachFlags, detached: { detach: boolean; wait: boolean }): void {
  const attaching = flags.attach.length > 0 || flags.attachDependencies;
  if (flags.attach.length > 0 && flags.attachDependencies) throw new SlipwayError('usage', 'up: cannot combine --attach and --attach-dependencies', 'Use one of them.');
  if (attaching && (detached.detach || detached.wait)) {
    throw new SlipwayError('usage', `up: ${detached.wait ? '--wait' : '--detach'} cannot be combined with --attach or --attach-dependencies`, 'Leave out -d / --wait to follow the logs.');
  }
}

/**
 * The services whose logs an attached `up` shows, as Compose picks them: `--attach` as given
 * (each must be a service of the project), otherwise the selected services (all when none is
 * named) — with their dependencies only for `--attach-dependencies` — less those marked
 * `attach: false`; then less `--no-attach`. Sorted.
 */
export function attachedServices(project: Pick<ProjectDetail, 'services' | 'dependencies' | 'model'>, flags: AttachFlags): string[] {
  let chosen: Set<string>;
  if (flags.attach.length > 0) {
    const unknown = flags.attach.filter((s) => !project.services.includes(s));
    if (unknown.length > 0) throw new SlipwayError('no_such_service', `up: cannot attach to services not included in up: ${unknown.join(', ')}`, `Services in this project: ${project.services.join(', ')}.`);
    chosen = new Set(flags.attach);
  } else {
    const model = AttachModel.safeParse(project.model);
    const optedOut = (name: string) => model.success && model.data.services[name]?.attach === false;
    const selected = flags.services.length > 0 ? [...flags.services] : [...project.services];
    if (flags.attachDependencies) {
      for (let i = 0; i < selected.length; i++) {
        for (const dep of project.dependencies[selected[i] ?? ''] ?? []) if (!selected.includes(dep)) selected.push(dep);
      }
    }
    chosen = new Set(selected.filter((s) => !optedOut(s)));
  }
  for (const name of flags.noAttach) chosen.delete(name);
  return [...chosen].sort();
}
