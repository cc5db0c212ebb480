import type { Project } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import { assertUniqueContainerNames } from '../compose/consistency';
import { runsSameConfig } from './adoption';
import { containerSpec } from './container-spec';
import type { ProjectContainer } from '../state/container-record';
import { byService, listProjectContainers } from '../state/container-list';
import type { ImageChoices, ImageInfo } from './images';
import { ensureImages } from './images';
import type { TaskProgress } from '../../../shared/contract/tasks';
import { LABEL } from '../state/compose-labels';
import { serviceHash } from './labels';
import { assertNoCycle, dependenciesOf, selectServices } from './plan';
import type { Dependency } from './plan';
import { ReadinessWatch } from './readiness';
import { readinessFromInspect } from '../state/container-record';
import { ensureNetworks, ensureVolumes, usedNetworkKeys, usedVolumeKeys } from './resources';
import { finishInterruptedRecreates } from './interrupted-recreate';
import { createServiceContainer, recreateServiceContainer, removeServiceContainer, startServiceContainer } from './service-container';
import type { ProgressListener, StackCore } from './types';
import { StartGate, waitReady } from './wait';
import { explainReplicaPortConflict } from './errors';
import type { GateContainer } from './wait';
import { checkScaleOverrides, serviceScale } from './scale';
import type { ScaleOverrides } from './scale';
import { withDeadline } from '../deadline';
import { compareText } from '../../../shared/compare-text';

export interface UpOptions {
  /** Only these services (and, unless noDeps, what they depend on). */
  services?: string[];
  noDeps?: boolean;
  /** Return only when every started service is ready (`--wait`). */
  wait?: boolean;
  /** Give up waiting (for dependencies and for `wait`) after this long. */
  timeoutMs?: number;
  removeOrphans?: boolean;
  /** Recreate all (true) or the named services even when unchanged. */
  forceRecreate?: boolean | string[];
  /** Keep existing containers even when their configuration changed (`--no-recreate`). */
  noRecreate?: boolean;
  /**
   * Give recreated containers fresh anonymous volumes instead of the old ones' (`-V`,
   * `--renew-anon-volumes`); like Compose, this recreates every selected container.
   */
  renewAnonVolumes?: boolean;
  /**
   * `--build`, `--no-build`, `--pull`: what is pulled and built before anything is created
   * (ensureImages decides; the images room, core.images, pulls and builds).
   */
  images?: ImageChoices;
  /** A pull's layers and a build's steps, as the images tasks report them. */
  onImageProgress?: (progress: Omit<TaskProgress, 'taskId' | 'kind' | 'projectId'>) => void;
  /** Create what is missing or changed, start nothing (`--no-start`). */
  noStart?: boolean;
  /** Replicas per service over the file's `scale`/`deploy.replicas` (`--scale SERVICE=N`). */
  scale?: ScaleOverrides;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export type ServiceAction = 'created' | 'recreated' | 'started' | 'restarted' | 'unchanged' | 'adopted' | 'removed';

export interface UpResult {
  /** What up did to each selected service. */
  actions: Record<string, ServiceAction>;
  /** Services not in the file any more that still have containers (removed with removeOrphans). */
  orphans: string[];
  warnings: string[];
}

/** What up does with one container of a service. */
type ReplicaPlan = { kind: 'create'; number: number } | { kind: 'recreate'; old: ProjectContainer } | { kind: 'keep'; existing: ProjectContainer; adopted: boolean };

/** A service's containers after up (one plan per replica), and the surplus it removes (scale down). */
interface ServicePlan {
  replicas: ReplicaPlan[];
  surplus: ProjectContainer[];
}

/**
 * Brings a project up: networks and volumes, all containers created in parallel up front,
 * each service started as soon as its dependencies' conditions hold (from Docker's events),
 * unchanged services left alone. Throws a ServiceFailedError naming the failed service.
 */
export async function upProject(core: StackCore, loaded: Project, options: UpOptions = {}): Promise<UpResult> {
  // Synchronized shares replace some bind mounts once the images are there (prepare, below).
  let project = loaded;
  const docker = core.docker().docker;
  const report: ProgressListener = options.onProgress ?? (() => undefined);
  const deps = dependenciesOf(project);
  assertNoCycle(deps);
  if (options.noRecreate && (options.forceRecreate === true || options.renewAnonVolumes)) {
    throw new SlipwayError('usage', `up: --no-recreate cannot be combined with ${options.renewAnonVolumes ? '--renew-anon-volumes' : '--force-recreate'}`, 'Use one of them.');
  }
  const selected = selectServices(project, deps, options.services, options.noDeps);
  assertUniqueContainerNames(project, selected);
  checkScaleOverrides(project, options.scale ?? {});
  const scales = new Map(selected.map((service) => [service, serviceScale(project, service, options.scale)]));
  const selectedSet = new Set(selected);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    report({ kind: 'Warning', name: project.name, status: message });
  };
  // The readiness limit (`--wait-timeout`) counts from when the images are there, as Compose's:
  // pulls, builds and a synchronized share's fill are not part of it.
  let deadline: ReturnType<typeof withDeadline> | undefined;

  // Subscribe before acting: Docker does not replay events.
  const events = await core.engineEvents();
  const watch = new ReadinessWatch(events, project.name, async (id) => readinessFromInspect(await docker.getContainer(id).inspect()));
  try {
    // Images first, as Compose: a pull refused or a build that fails leaves nothing made behind.
    const images = await ensureImages(core, project, selected, {
      ...options.images,
      report: (image, status) => report({ kind: 'Image', name: image, status }),
      ...(options.onImageProgress ? { onImageProgress: options.onImageProgress } : {}),
      warn,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const shares = core.shares?.();
    if (shares) project = await shares.prepare(project, images, selected, report);
    const [listed] = await Promise.all([
      listProjectContainers(docker, project.name),
      ensureNetworks(docker, project, usedNetworkKeys(project, selected), (kind, name, status) => report({ kind, name, status })),
      ensureVolumes(docker, project, usedVolumeKeys(project, selected), (kind, name, status) => report({ kind, name, status })),
    ]);
    await shares?.fill(project, selected, report, options.signal);
    deadline = withDeadline(options.signal, options.timeoutMs);
    const signal = deadline.signal;
    const existing = await finishInterruptedRecreates(docker, listed, report);
    const orphans = await handleOrphans(core, project, existing, options.removeOrphans === true, report, warn);
    const current = byService(existing);
    const plans = new Map<string, ServicePlan>();
    await Promise.all(selected.map(async (service) => {
      plans.set(service, await planService(core, project, service, current.get(service) ?? [], imageOf(service), recreatePolicy(options), scales.get(service) ?? 1));
    }));

    function imageOf(service: string): ImageInfo {
      const image = images.get(service);
      if (!image) throw new SlipwayError('internal', `No image resolved for ${service}`);
      return image;
    }
    const hasHealthcheck = (service: string): boolean => {
      const health = project.model.services[service]?.healthcheck;
      if (health) return !health.disable && health.test?.[0] !== 'NONE';
      return images.get(service)?.healthcheck ?? false;
    };
    const completionDeps = new Set<string>();
    for (const list of deps.values()) for (const d of list) if (d.condition === 'service_completed_successfully') completionDeps.add(d.service);

    // Seed what we know of containers we keep; events tell the rest.
    for (const [service, plan] of plans) {
      for (const replica of plan.replicas) {
        if (replica.kind !== 'keep') continue;
        const c = replica.existing;
        watch.seed(c.id, { running: c.state === 'running', ...(c.health ? { health: c.health } : {}), ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}) });
        if (hasHealthcheck(service)) watch.markHealthcheck(c.id);
      }
    }

    const actions: Record<string, ServiceAction> = {};
    const gateRef: { current?: StartGate } = {};
    const containers = new Map<string, Promise<GateContainer[]>>();
    const containersOf = (service: string): Promise<GateContainer[]> => {
      let promise = containers.get(service);
      if (!promise) {
        promise = prepareService(service);
        containers.set(service, promise);
      }
      return promise;
    };
    /** The container another service refers to (network_mode: service:X, volumes_from): the first by name, as Compose. */
    const peerId = async (peer: string): Promise<string | undefined> => {
      const list: { id: string; name: string }[] = selectedSet.has(peer) ? await containersOf(peer) : current.get(peer) ?? [];
      return [...list].sort((a, b) => compareText(a.name, b.name))[0]?.id;
    };
    const prepareService = async (service: string): Promise<GateContainer[]> => {
      const plan = plans.get(service);
      if (!plan) throw new SlipwayError('internal', `No plan for ${service}`);
      // Scale down first, as Compose: the surplus is stopped and removed (its volumes stay, as on a recreate).
      await Promise.all(plan.surplus.map((c) => removeServiceContainer(docker, c.id, c.name, service, report)));
      actions[service] = actionOf(plan);
      const kept = (r: ReplicaPlan): r is Extract<ReplicaPlan, { kind: 'keep' }> => r.kind === 'keep';
      if (plan.replicas.every(kept)) return plan.replicas.map((r) => keptContainer(r.existing));
      // A service gated on a dependency's health or completion is created while that
      // dependency starts up (its wait is at least a healthcheck interval), so the creates do
      // not compete with the first starts; one gated only on service_started is created at once.
      const gated = (deps.get(service) ?? []).filter((d) => selectedSet.has(d.service) && d.condition !== 'service_started');
      if (gated.length > 0) await Promise.all(gated.map((d) => gateRef.current?.startService(d.service).catch(() => undefined)));
      const peers: Record<string, string> = {};
      for (const peer of peerServices(project, service)) {
        const id = await peerId(peer);
        if (id) peers[peer] = id;
      }
      return Promise.all(plan.replicas.map(async (replica): Promise<GateContainer> => {
        if (replica.kind === 'keep') return keptContainer(replica.existing);
        const created = replica.kind === 'recreate'
          ? await recreateServiceContainer(docker, project, service, replica.old, { image: imageOf(service), peers, inherit: options.renewAnonVolumes !== true, signal }, report)
          : await createServiceContainer(docker, project, service, replica.number, imageOf(service).id, { peers }, report);
        if (hasHealthcheck(service)) watch.markHealthcheck(created.id);
        return created;
      }));
    };

    if (options.noStart) {
      await Promise.all(selected.map(containersOf));
      return { actions, orphans, warnings };
    }
    // Starts of containers that publish ports go one at a time, as Compose's startMx: the
    // engine picks free host ports non-atomically, so two parallel starts can get the same one.
    let publishing: Promise<unknown> = Promise.resolve();
    const startPublishing = (service: string, start: () => Promise<void>): Promise<void> => {
      if ((project.model.services[service]?.ports ?? []).length === 0) return start();
      const next = publishing.then(start);
      publishing = next.catch(() => undefined);
      return next;
    };
    const gate = new StartGate({
      docker, project, deps, selected: selectedSet, watch, report, warn, signal, hasHealthcheck, completionDeps,
      containersOf,
      actions,
      start: (service, c) => startPublishing(service, () => startServiceContainer(docker, c.id, c.name, service, report)
        .catch((error: unknown) => { throw explainReplicaPortConflict(error, service, scales.get(service) ?? 1); })),
    });
    gateRef.current = gate;
    // Containers are created in parallel, ahead of need; each starts once its dependencies allow.
    for (const service of selected) void containersOf(service).catch(() => undefined);
    await gate.startAll(selected);
    await shares?.started(project);
    if (options.wait) await waitReady(gate, selected);
    return { actions, orphans, warnings };
  } catch (error) {
    const timedOut = deadline?.signal?.aborted === true && options.signal?.aborted !== true;
    if ((timedOut || options.signal?.aborted) && !(error instanceof SlipwayError)) {
      throw new SlipwayError('timeout', timedOut && options.timeoutMs !== undefined ? `The stack was not ready within ${options.timeoutMs / 1000} s` : 'up was cancelled', 'Look at `slipway ps` and the logs of the services that are not ready.');
    }
    throw error;
  } finally {
    watch.dispose();
    deadline?.dispose();
  }
}

type RecreatePolicy = { force: (service: string) => boolean; never: boolean };

function recreatePolicy(options: UpOptions): RecreatePolicy {
  const force = options.forceRecreate;
  return {
    force: (service) => options.renewAnonVolumes === true || force === true || (Array.isArray(force) && force.includes(service)),
    never: options.noRecreate === true,
  };
}

/**
 * Each container of a service, as Compose's reconcileService decides it: existing ones
 * sorted so that up-to-date, low-numbered replicas are kept and obsolete or high-numbered
 * ones are the surplus when scaling down; new replicas numbered on from the highest.
 */
async function planService(core: StackCore, project: Project, service: string, existing: ProjectContainer[], image: ImageInfo, policy: RecreatePolicy, scale: number): Promise<ServicePlan> {
  const hash = serviceHash(project, service);
  const decided = await Promise.all(existing.map(async (container) => ({ container, plan: await planReplica(core, project, service, container, image, policy, hash) })));
  const obsolete = (d: { plan: ReplicaPlan }) => d.plan.kind === 'recreate';
  // Compose's order: obsolete first, then the highest numbers, then the oldest — reversed.
  decided.sort((a, b) => (obsolete(a) !== obsolete(b) ? (obsolete(a) ? -1 : 1) : b.container.number - a.container.number || a.container.created - b.container.created)).reverse();
  const replicas = decided.slice(0, scale).map((d) => d.plan);
  const surplus = decided.slice(scale).map((d) => d.container);
  let next = existing.reduce((max, c) => Math.max(max, c.number), 0) + 1;
  while (replicas.length < scale) replicas.push({ kind: 'create', number: next++ });
  return { replicas, surplus };
}

async function planReplica(core: StackCore, project: Project, service: string, container: ProjectContainer, image: ImageInfo, policy: RecreatePolicy, hash: string): Promise<ReplicaPlan> {
  if (policy.force(service)) return { kind: 'recreate', old: container };
  if (policy.never) return { kind: 'keep', existing: container, adopted: !container.ours };
  if (container.labels[LABEL.configHash] === hash && container.labels[LABEL.image] === image.id && container.imageId === image.id) {
    return { kind: 'keep', existing: container, adopted: false };
  }
  if (!container.ours) {
    // Made by Compose: keep it when it runs what the file asks for.
    const info = await core.docker().docker.getContainer(container.id).inspect().catch(() => undefined);
    if (info && runsSameConfig(info, containerSpec(project, service, container.number, image.id), image.id)) {
      return { kind: 'keep', existing: container, adopted: true };
    }
  }
  return { kind: 'recreate', old: container };
}

/** What up does to a service, in one word: the strongest of its replicas' plans. */
function actionOf(plan: ServicePlan): ServiceAction {
  const kinds = new Set(plan.replicas.map((r) => r.kind));
  if (kinds.has('recreate')) return 'recreated';
  if (kinds.has('create')) return 'created';
  if (plan.replicas.length === 0 && plan.surplus.length > 0) return 'removed';
  return plan.replicas.some((r) => r.kind === 'keep' && r.adopted) ? 'adopted' : 'unchanged';
}

/** A container up keeps, with its state before this run (the gate starts it only if it is not running). */
function keptContainer(c: ProjectContainer): GateContainer {
  return { id: c.id, name: c.name, existing: { running: c.state === 'running', ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}) } };
}

/** Services whose containers this one refers to at create time (network_mode: service:X, volumes_from). */
function peerServices(project: Project, service: string): string[] {
  const config = project.model.services[service] ?? {};
  const peers: string[] = [];
  if (config.network_mode?.startsWith('service:')) peers.push(config.network_mode.slice('service:'.length));
  for (const entry of config.volumes_from ?? []) {
    if (!entry.startsWith('container:')) peers.push(entry.split(':')[0] ?? entry);
  }
  return peers.filter((p) => project.model.services[p]);
}

async function handleOrphans(core: StackCore, project: Project, existing: ProjectContainer[], remove: boolean, report: ProgressListener, warn: (m: string) => void): Promise<string[]> {
  const orphans = existing.filter((c) => !project.model.services[c.service] && !project.disabledServices[c.service]);
  const names = [...new Set(orphans.map((c) => c.service))].sort();
  if (orphans.length === 0) return [];
  if (remove) {
    const docker = core.docker().docker;
    await Promise.all(orphans.map((c) => removeServiceContainer(docker, c.id, c.name, c.service, report)));
  } else {
    warn(`Found orphan containers (${orphans.map((c) => c.name).join(', ')}) for services not in the project: ${names.join(', ')}. Run up with --remove-orphans to remove them.`);
  }
  return names;
}


export type { Dependency };
