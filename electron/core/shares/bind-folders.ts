import { statSync } from 'node:fs';
import path from 'node:path';
import type { Project } from '../../../shared/model/project';

/** A bind mount of a service whose source is a folder on this machine. */
export interface BindFolder {
  service: string;
  /** Absolute host folder. */
  source: string;
  target: string;
  readOnly: boolean;
  /** Its index in the service's `volumes`. */
  index: number;
}

/**
 * The bind-mounted folders of the project's services (or of `only`): the mounts that can
 * be live source. Files, sockets and folders that do not exist here are left out (a
 * missing folder is the engine's business, as with Compose).
 */
export function bindFolders(project: Project, only?: string[]): BindFolder[] {
  const folders: BindFolder[] = [];
  for (const [service, config] of Object.entries(project.model.services)) {
    if (only && !only.includes(service)) continue;
    (config.volumes ?? []).forEach((volume, index) => {
      if (volume.type !== 'bind' || !volume.source) return;
      const source = path.resolve(project.workingDir, volume.source);
      if (!statSync(source, { throwIfNoEntry: false })?.isDirectory()) return;
      folders.push({ service, source, target: volume.target, readOnly: volume.read_only === true, index });
    });
  }
  return folders;
}
