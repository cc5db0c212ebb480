import type Docker from 'dockerode';
import type { ShareMount, ShareStatus } from '../../../shared/contract/shares';
import type { WatchReload } from '../../../shared/contract/watch';
import type { Project, WatchRule } from '../../../shared/model/project';
import type { CoreEvents } from '../events';
import { serviceImage } from '../compose/service-image';
import { volumeName } from '../stack/names';
import type { ProgressListener, StackShares } from '../stack/types';
import { isShareRule, shareVolumeKey, withShares, type SyncedShare } from './apply-shares';
import { bindFolders, type BindFolder } from './bind-folders';
import { fillVolume } from './fill-volume';
import { ProbeCache, type ProbeAnswer } from './probe-mount';
import { askedToSync, shareKey } from './share-config';
import { compareText } from '../../../shared/compare-text';

/** What the shares room needs of the core (SlipwayCore wires it). */
export interface SharesOptions {
  docker: () => { docker: Docker; host: { url: string } };
  events: Pick<CoreEvents, 'on' | 'emit'>;
  /** Starts the project's one watcher with the project as up made it (`restart`: the running one lacks the shares' rules). */
  watch: (project: Project, restart: boolean) => Promise<void>;
  /** The rules of the project's running watcher; undefined when it is not watched. */
  watcherRules: (projectId: string) => Array<{ service: string; rule: WatchRule }> | undefined;
}

interface ProjectShares {
  mounts: Map<string, ShareMount>;
  synced: SyncedShare[];
  /** The image id per service the probes used (the fill uses the same). */
  images: Map<string, string>;
}

/**
 * Synchronized file shares: which bind-mounted folders reach the engine (a probe, cached
 * per engine and folder), and for those that do not — or that the user asks for — a
 * project volume filled before the service starts and kept current by the watcher.
 */
export class SharesService implements StackShares {
  private readonly probes = new ProbeCache();
  private readonly projects = new Map<string, ProjectShares>();

  constructor(private readonly options: SharesOptions) {
    options.events.on('watch.reload', (reload) => this.onReload(reload));
  }

  /**
   * Probes every bind-mounted folder with its service's image, if the engine has it. Only the
   * services with such a folder are asked about, each image once (after `up`, a stack of one
   * image and no binds made one request per service, over ssh past the pool's connections).
   */
  async status(project: Project): Promise<ShareStatus> {
    const { docker } = this.options.docker();
    const images = new Map<string, string>();
    const ids = new Map<string, Promise<string | undefined>>();
    const idOf = (image: string): Promise<string | undefined> => {
      const known = ids.get(image) ?? docker.getImage(image).inspect().then((info) => info.Id, () => undefined);
      ids.set(image, known);
      return known;
    };
    const folders = bindFolders(project);
    await Promise.all([...new Set(folders.map((folder) => folder.service))].map(async (service) => {
      const id = await idOf(serviceImage(project, service));
      if (id) images.set(service, id);
    }));
    const known = this.projects.get(project.name);
    const decided = await this.decide(project, folders, images);
    // What a fill or a sync told earlier stays with the mount.
    for (const [key, mount] of decided.mounts) {
      const before = known?.mounts.get(key);
      if (before && before.mode === mount.mode) decided.mounts.set(key, { ...before, ...mount, ...pickStats(before) });
    }
    if (!known) this.projects.set(project.name, decided);
    else known.mounts = decided.mounts;
    return this.publish(project.name);
  }

  async prepare(project: Project, images: Map<string, { id: string }>, services: string[], report: ProgressListener): Promise<Project> {
    // A project that already went through here (a watch rebuild recreates with the watcher's project): as it is.
    const known = this.projects.get(project.name)?.synced ?? [];
    if (known.length > 0 && known.every((share) => project.model.volumes?.[share.volumeKey] !== undefined)) return project;
    const ids = new Map([...images].map(([service, info]) => [service, info.id]));
    const decided = await this.decide(project, bindFolders(project, services), ids);
    const previous = this.projects.get(project.name);
    for (const [key, mount] of decided.mounts) {
      const before = previous?.mounts.get(key);
      if (before) decided.mounts.set(key, { ...mount, ...pickStats(before) });
    }
    this.projects.set(project.name, decided);
    for (const share of decided.synced) {
      const mount = decided.mounts.get(shareKey(share));
      report({ kind: 'Volume', name: volumeName(project, share.volumeKey), status: `Synchronizing ${share.source} (${mount?.reason ?? 'x-slipway.sync'})`, service: share.service });
    }
    this.publish(project.name);
    return withShares(project, decided.synced);
  }

  async fill(project: Project, services: string[], report: ProgressListener, signal?: AbortSignal): Promise<void> {
    const shares = this.projects.get(project.name);
    if (!shares) return;
    const { docker } = this.options.docker();
    await Promise.all(shares.synced.filter((s) => services.includes(s.service)).map(async (share) => {
      const key = shareKey(share);
      const volume = volumeName(project, share.volumeKey);
      const image = shares.images.get(share.service) ?? serviceImage(project, share.service);
      try {
        const result = await fillVolume(docker, image, volume, share.source, `service ${share.service}: `, signal);
        this.update(project.name, key, { files: result.entries, bytes: result.bytes, lastChangeAt: Date.now(), error: undefined });
        report({ kind: 'Volume', name: volume, status: `Filled (${result.entries} entries)`, service: share.service });
      } catch (error) {
        this.update(project.name, key, { error: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    }));
    this.publish(project.name);
  }

  /** After up started the services: the project's watcher keeps the synchronized volumes current. */
  async started(project: Project): Promise<void> {
    const synced = this.projects.get(project.name)?.synced ?? [];
    if (synced.length === 0) return;
    const rules = this.options.watcherRules(project.name);
    if (rules && synced.every((share) => rules.some((r) => isShareRule([share], r.service, r.rule)))) return;
    await this.options.watch(project, rules !== undefined);
  }

  /** The project as the watcher must see it: with the sync rules of its synchronized shares. */
  forWatch(project: Project): Project {
    return withShares(project, this.projects.get(project.name)?.synced ?? []);
  }

  private async decide(project: Project, folders: BindFolder[], images: Map<string, string>): Promise<ProjectShares> {
    const asked = askedToSync(project, folders);
    const { docker, host } = this.options.docker();
    const mounts = new Map<string, ShareMount>();
    const synced: SyncedShare[] = [];
    await Promise.all(folders.map(async (folder) => {
      const image = images.get(folder.service);
      const answer: ProbeAnswer = image
        ? await this.probes.probe(docker, image, folder.source, host.url)
        : { reaches: false, probed: false, reason: `not probed: the engine does not have the image of ${folder.service} yet (up pulls or builds it)` };
      const why = asked.has(shareKey(folder)) ? 'asked' : answer.probed && !answer.reaches ? 'unreachable' : undefined;
      const mount = baseMount(folder, answer, why);
      if (why) {
        const share: SyncedShare = { ...folder, volumeKey: shareVolumeKey(folder.service, folder.target), why };
        synced.push(share);
        mount.volume = volumeName(project, share.volumeKey);
      }
      mounts.set(shareKey(folder), mount);
    }));
    synced.sort((a, b) => compareText(shareKey(a), shareKey(b)));
    return { mounts, synced, images };
  }

  private onReload(reload: WatchReload): void {
    const shares = this.projects.get(reload.projectId);
    if (!shares || (reload.action !== 'sync' && reload.action !== 'initial_sync')) return;
    let changed = false;
    for (const share of shares.synced.filter((s) => s.service === reload.service)) {
      const key = shareKey(share);
      const error = reload.ok ? undefined : `${reload.error?.message ?? 'sync failed'} (${reload.files.slice(0, 3).join(', ')})`;
      this.update(reload.projectId, key, { lastChangeAt: reload.at, lagMs: reload.latencyMs, error });
      changed = true;
    }
    if (changed) this.publish(reload.projectId);
  }

  private update(projectId: string, key: string, patch: Partial<ShareMount>): void {
    const shares = this.projects.get(projectId);
    const mount = shares?.mounts.get(key);
    if (!shares || !mount) return;
    const next: ShareMount = { ...mount, ...patch };
    if (patch.error === undefined && 'error' in patch) delete next.error;
    shares.mounts.set(key, next);
  }

  private publish(projectId: string): ShareStatus {
    const mounts = [...(this.projects.get(projectId)?.mounts.values() ?? [])].sort((a, b) => compareText(`${a.service}\0${a.target}`, `${b.service}\0${b.target}`));
    const status: ShareStatus = { projectId, mounts };
    this.options.events.emit('shares.changed', status);
    return status;
  }
}

function baseMount(folder: BindFolder, answer: ProbeAnswer, why: 'asked' | 'unreachable' | undefined): ShareMount {
  return {
    service: folder.service,
    source: folder.source,
    target: folder.target,
    mode: why ? 'sync' : 'bind',
    ...(why ? { why } : {}),
    ...(answer.probed ? { reaches: answer.reaches } : {}),
    ...(answer.reason ? { reason: answer.reason } : {}),
  };
}

function pickStats(mount: ShareMount): Partial<ShareMount> {
  const { files, bytes, lastChangeAt, lagMs, error } = mount;
  return { ...(files !== undefined ? { files } : {}), ...(bytes !== undefined ? { bytes } : {}), ...(lastChangeAt !== undefined ? { lastChangeAt } : {}), ...(lagMs !== undefined ? { lagMs } : {}), ...(error !== undefined ? { error } : {}) };
}
