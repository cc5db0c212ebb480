import type { Project } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import { assertUniqueContainerNames } from '../compose/consistency';
import { runsSameConfig } from './adoption';
import { containerSpec } from './container-spec';
import type { ProjectContainer } from '../state/container-record';
import { byService, listProjectContainers } from '../state/container-list';
import type { ImageInfo } from './images';
import { resolveImages } from './images';
import { LABEL } from '../state/compose-labels';
import { serviceHash } from './labels';
import { assertNoCycle, dependenciesOf, selectServices } from './plan';
import type { Dependency } from './plan';
import { ReadinessWatch } from './readiness';
import { readinessFromInspect } from '../state/container-record';
import { ensureNetworks, ensureVolumes, usedNetworkKeys, usedVolumeKeys } from './resources';
import { finishInterruptedRecreates } from './interrupted-recreate';
import { createServiceContainer, recreateServiceContainer, removeServiceContainer, startServiceContainer } from './service-container';
import type { CreatedContainer } from './service-container';
import type { ProgressListener, StackCore } from './types';
import { StartGate, waitReady } from './wait';
import { withDeadline } from '../deadline';

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
   * Builds images before anything is created (`up --build`): called with the selected
   * services that have a `build:` section. The images room plugs its builder in here.
   */
  build?: (services: string[], signal?: AbortSignal) => Promise<void>;
  /** Create what is missing or changed, start nothing (`--no-start`). */
  noStart?: boolean;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export type ServiceAction = 'created' | 'recreated' | 'started' | 'restarted' | 'unchanged' | 'adopted';

export interface UpResult {
  /** What up did to each selected service. */
  actions: Record<string, ServiceAction>;
  /** Services not in the file any more that still have containers (removed with removeOrphans). */
  orphans: string[];
  warnings: string[];
}

type Plan = { kind: 'create'; number: number } | { kind: 'recreate'; old: ProjectContainer } | { kind: 'keep'; existing: ProjectContainer; adopted: boolean };

/**
 * Brings a project up: networks and volumes, all containers created in parallel up front,
 * each service started as soon as its dependencies' conditions hold (from Docker's events),
 * unchanged services left alone. Throws a ServiceFailedError naming the failed service.
 */
export async function upProject(core: StackCore, project: Project, options: UpOptions = {}): Promise<UpResult> {
  const docker = core.docker().docker;
  const report: ProgressListener = options.onProgress ?? (() => undefined);
  const deps = dependenciesOf(project);
  assertNoCycle(deps);
  if (options.noRecreate && (options.forceRecreate === true || options.renewAnonVolumes)) {
    throw new SlipwayError('usage', `up: --no-recreate cannot be combined with ${options.renewAnonVolumes ? '--renew-anon-volumes' : '--force-recreate'}`, 'Use one of them.');
  }
  const selected = selectServices(project, deps, options.services, options.noDeps);
  assertUniqueContainerNames(project, selected);
  const selectedSet = new Set(selected);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    report({ kind: 'Warning', name: project.name, status: message });
  };
  const deadline = withDeadline(options.signal, options.timeoutMs);
  const signal = deadline.signal;

  // Subscribe before acting: Docker does not replay events.
  const events = await core.engineEvents();
  const watch = new ReadinessWatch(events, project.name, async (id) => readinessFromInspect(await docker.getContainer(id).inspect()));
  try {
    const toBuild = selected.filter((s) => project.model.services[s]?.build);
    if (options.build && toBuild.length > 0) await options.build(toBuild, signal);
    const [listed, images] = await Promise.all([
      listProjectContainers(docker, project.name),
      resolveImages(docker, project, selected, (image, status) => report({ kind: 'Image', name: image, status }), signal),
      ensureNetworks(docker, project, usedNetworkKeys(project, selected), (kind, name, status) => report({ kind, name, status })),
      ensureVolumes(docker, project, usedVolumeKeys(project, selected), (kind, name, status) => report({ kind, name, status })),
    ]);
    const existing = await finishInterruptedRecreates(docker, listed, report);
    const orphans = await handleOrphans(core, project, existing, options.removeOrphans === true, report, warn);
    const current = byService(existing);
    const plans = new Map<string, Plan>();
    await Promise.all(selected.map(async (service) => {
      plans.set(service, await planService(core, project, service, current.get(service) ?? [], imageOf(service), recreatePolicy(options)));
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
    for (const [, plan] of plans) {
      if (plan.kind !== 'keep') continue;
      const c = plan.existing;
      watch.seed(c.id, { running: c.state === 'running', ...(c.health ? { health: c.health } : {}), ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}) });
    }

    const actions: Record<string, ServiceAction> = {};
    const gateRef: { current?: StartGate } = {};
    const containers = new Map<string, Promise<CreatedContainer>>();
    const containerOf = (service: string): Promise<CreatedContainer> => {
      let promise = containers.get(service);
      if (!promise) {
        promise = prepareContainer(service);
        containers.set(service, promise);
      }
      return promise;
    };
    const prepareContainer = async (service: string): Promise<CreatedContainer> => {
      const plan = plans.get(service);
      if (!plan) throw new SlipwayError('internal', `No plan for ${service}`);
      if (plan.kind === 'keep') {
        actions[service] = plan.adopted ? 'adopted' : 'unchanged';
        return { id: plan.existing.id, name: plan.existing.name };
      }
      // A service gated on a dependency's health or completion is created while that
      // dependency starts up (its wait is at least a healthcheck interval), so the creates do
      // not compete with the first starts; one gated only on service_started is created at once.
      const gated = (deps.get(service) ?? []).filter((d) => selectedSet.has(d.service) && d.condition !== 'service_started');
      if (gated.length > 0) await Promise.all(gated.map((d) => gateRef.current?.startService(d.service).catch(() => undefined)));
      const peers: Record<string, string> = {};
      for (const peer of peerServices(project, service)) {
        if (selectedSet.has(peer)) peers[peer] = (await containerOf(peer)).id;
        else {
          const other = current.get(peer)?.[0];
          if (other) peers[peer] = other.id;
        }
      }
      let created: CreatedContainer;
      if (plan.kind === 'recreate') {
        created = await recreateServiceContainer(docker, project, service, plan.old, { image: imageOf(service), peers, inherit: options.renewAnonVolumes !== true, signal }, report);
        actions[service] = 'recreated';
      } else {
        created = await createServiceContainer(docker, project, service, plan.number, imageOf(service).id, { peers }, report);
        actions[service] = 'created';
      }
      if (hasHealthcheck(service)) watch.markHealthcheck(created.id);
      return created;
    };
    for (const service of selected) {
      const plan = plans.get(service);
      if (plan?.kind === 'keep' && hasHealthcheck(service)) watch.markHealthcheck(plan.existing.id);
    }

    if (options.noStart) {
      await Promise.all(selected.map(containerOf));
      return { actions, orphans, warnings };
    }
    const gate = new StartGate({
      docker, project, deps, selected: selectedSet, watch, report, warn, signal, hasHealthcheck, completionDeps,
      containerOf,
      plans: new Map([...plans].map(([s, p]) => [s, p.kind === 'keep' ? { keep: true, running: p.existing.state === 'running', exitCode: p.existing.exitCode } : { keep: false }])),
      actions,
      start: (service, c) => startServiceContainer(docker, c.id, c.name, service, report),
    });
    gateRef.current = gate;
    // Containers are created in parallel, ahead of need; each starts once its dependencies allow.
    for (const service of selected) void containerOf(service).catch(() => undefined);
    await gate.startAll(selected);
    if (options.wait) await waitReady(gate, selected);
    return { actions, orphans, warnings };
  } catch (error) {
    if (signal?.aborted && !(error instanceof SlipwayError)) {
      throw new SlipwayError('timeout', options.timeoutMs !== undefined ? `The stack was not ready within ${options.timeoutMs / 1000} s` : 'up was cancelled', 'Look at `slipway ps` and the logs of the services that are not ready.');
    }
    throw error;
  } finally {
    watch.dispose();
    deadline.dispose();
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

async function planService(core: StackCore, project: Project, service: string, existing: ProjectContainer[], image: ImageInfo, policy: RecreatePolicy): Promise<Plan> {
  const first = existing[0];
  if (!first) return { kind: 'create', number: 1 };
  if (policy.force(service)) return { kind: 'recreate', old: first };
  if (policy.never) return { kind: 'keep', existing: first, adopted: !first.ours };
  const hash = serviceHash(project, service);
  if (first.labels[LABEL.configHash] === hash && first.labels[LABEL.image] === image.id && first.imageId === image.id) {
    return { kind: 'keep', existing: first, adopted: false };
  }
  if (!first.ours) {
    // Made by Compose: keep it when it runs what the file asks for.
    const info = await core.docker().docker.getContainer(first.id).inspect().catch(() => undefined);
    if (info && runsSameConfig(info, containerSpec(project, service, first.number, image.id), image.id)) {
      return { kind: 'keep', existing: first, adopted: true };
    }
  }
  return { kind: 'recreate', old: first };
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
