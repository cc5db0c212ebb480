import type { Project, ServiceVolume, WatchRule } from '../../../shared/model/project';
import { readDockerignore } from '../watch/path-filter';
import type { BindFolder } from './bind-folders';

/** A bind-mounted folder that the project gets as a synchronized volume instead. */
export interface SyncedShare extends BindFolder {
  /** The volume's key in the project (`<project>_<key>` on the engine, with Compose's labels). */
  volumeKey: string;
  why: 'asked' | 'unreachable';
}

/** `sync_web_srv_www` for web's /srv/www: a readable volume key, stable across runs. */
export function shareVolumeKey(service: string, target: string): string {
  const tail = target.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');
  return `sync_${service}_${tail || 'root'}`;
}

/**
 * The project as the engine gets it: each synchronized folder's bind mount becomes a mount
 * of its project volume (declared at top level, so up creates it with Compose's labels and
 * `down -v` removes it), and a develop.watch `sync` rule (the folder's `.dockerignore`
 * applied) keeps it current from the project's watcher. The volume is mounted read-write
 * even for a `:ro` bind: the archive API cannot write through a read-only mount.
 */
export function withShares(project: Project, shares: SyncedShare[]): Project {
  if (shares.length === 0) return project;
  const services = { ...project.model.services };
  const volumes = { ...(project.model.volumes ?? {}) };
  for (const share of shares) {
    const config = services[share.service];
    if (!config) continue;
    const mounts: ServiceVolume[] = [...(config.volumes ?? [])];
    mounts[share.index] = { type: 'volume', source: share.volumeKey, target: share.target };
    const rule: WatchRule = { path: share.source, action: 'sync', target: share.target, ignore: readDockerignore(share.source) };
    const watch = [...(config.develop?.watch ?? []), rule];
    services[share.service] = { ...config, volumes: mounts, develop: { ...config.develop, watch } };
    volumes[share.volumeKey] = {};
  }
  return { ...project, model: { ...project.model, services, volumes } };
}

/** True when a develop.watch rule is the one withShares added for a share. */
export function isShareRule(shares: SyncedShare[], service: string, rule: WatchRule): boolean {
  return rule.action === 'sync' && shares.some((s) => s.service === service && s.source === rule.path && s.target === rule.target);
}
