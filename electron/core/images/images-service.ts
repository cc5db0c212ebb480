import type Docker from 'dockerode';
import { SlipwayError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/format-bytes';
import type { BuildProgress, BuildResult, BuiltImage, PullResult, PushedImage, PushedTag, PushResult, ServiceImage } from '../../../shared/contract/images';
import type { Project } from '../../../shared/model/project';
import type { TaskContext } from '../tasks/task-runner';
import { buildImage } from './build-image';
import type { BuildEvent } from './build-progress';
import { resolveCredentials, type RegistryAuth } from './credentials';
import { gitState } from './git-commit';
import { parseImageRef } from './image-names';
import { inParallel, parallelLimit } from '../parallel';
import { pullImage } from './pull-image';
import { localImageOf, type LocalImage } from './pull-policy';
import type { PullEvent } from './pull-progress';
import { pullProject, type PullOptions } from './pull-project';
import { pushTag } from './push-image';
import type { PushEvent } from './push-progress';
import { commitTagName, serviceConfig, serviceTags, type ServiceTags } from './service-tags';
import { tagsConfig } from './slipway-config';

type Env = Record<string, string | undefined>;

const NO_BRIDGE = /could not find bridge|network bridge not found|bridge docker0/i;
type Progress = Pick<TaskContext, 'progress' | 'signal'>;
/** Builds at once when COMPOSE_PARALLEL_LIMIT does not say (a laptop's cores; Compose has no limit). */
const DEFAULT_BUILD_LIMIT = 4;

/** One image to pull for a service, with the user's login; `quiet` leaves out the layer progress. */
export interface ServicePull {
  service: string;
  image: string;
  buildable: boolean;
  quiet?: boolean;
}

export interface BuildOptions {
  services?: string[];
  noCache?: boolean;
  pull?: boolean;
}

/**
 * Build and push for a project's services: names and commit tags, one service after
 * another, progress as task events, and the tags pushed so far (kept in memory).
 */
export class ImagesService {
  private readonly pushed = new Map<string, PushedTag[]>();

  constructor(
    private readonly docker: () => Docker,
    private readonly env: Env,
  ) {}

  /** Services `build` acts on: the named ones (each must have `build:`), else all with `build:`. */
  buildTargets(project: Project, services: string[] | undefined): string[] {
    if (services && services.length > 0) {
      for (const name of services) {
        if (!serviceConfig(project, name).build) {
          throw new SlipwayError('service_has_no_build', `service ${name} has no build section`, 'Add build: to it in the compose file, or name another service.');
        }
      }
      return [...new Set(services)];
    }
    return Object.entries(project.model.services).filter(([, s]) => s.build).map(([name]) => name);
  }

  /** Services `push` acts on: the named ones (each must have `image:`), else all with `build:` and `image:`. */
  pushTargets(project: Project, services: string[] | undefined): string[] {
    if (services && services.length > 0) {
      for (const name of services) {
        if (!serviceConfig(project, name).image) {
          throw new SlipwayError('service_has_no_image', `service ${name} has no image: to push to`, 'Set image: REGISTRY/NAME:TAG on it in the compose file.');
        }
      }
      return [...new Set(services)];
    }
    return Object.entries(project.model.services).filter(([, s]) => s.build && s.image).map(([name]) => name);
  }

  /**
   * Builds the services' images: several at once (COMPOSE_PARALLEL_LIMIT, else
   * DEFAULT_BUILD_LIMIT), and an image that several services name once, by the first of them.
   */
  async build(project: Project, options: BuildOptions, task: Progress): Promise<BuildResult> {
    const targets = this.buildTargets(project, options.services);
    const byImage = new Map<string, ServiceTags>();
    for (const tags of await this.names(project, targets)) if (!byImage.has(tags.image)) byImage.set(tags.image, tags);
    const built = new Map<string, BuiltImage>();
    await inParallel([...byImage.values()], parallelLimit(this.env, DEFAULT_BUILD_LIMIT), async (tags) => {
      task.signal.throwIfAborted();
      built.set(tags.image, await this.buildOne(project, tags, options, task));
    });
    return { images: [...byImage.keys()].flatMap((image) => built.get(image) ?? []) };
  }

  /** `slipway pull`: see pullProject. */
  async pull(project: Project, options: PullOptions, task: Progress): Promise<PullResult> {
    return pullProject(project, options, {
      local: (image) => this.localImage(image),
      pull: (request) => this.pullImage({ service: request.service, image: request.image, buildable: request.buildable, quiet: request.quiet }, { progress: task.progress, signal: request.signal }),
      limit: parallelLimit(this.env, Infinity),
      now: () => new Date(),
    }, task);
  }

  /**
   * Pulls one image with the login the Docker CLI stored for its registry (the lookup push
   * uses), reporting `Pulling IMAGE`, each layer's status change, and `Pulled IMAGE`.
   */
  async pullImage(request: ServicePull, task: Progress): Promise<void> {
    const { service, image } = request;
    const { registry } = parseImageRef(image);
    const auth = await resolveCredentials(registry, this.env);
    task.progress({ subject: service, message: `Pulling ${image}` });
    const outcome = await pullImage(this.docker(), {
      service,
      image,
      registry,
      auth,
      buildable: request.buildable,
      signal: task.signal,
      onEvent: (event) => {
        if (request.quiet && event.kind === 'layer') return;
        task.progress(pullProgress(service, event));
      },
    });
    task.progress({ subject: service, message: outcome.upToDate ? `Pulled ${image} (up to date)` : `Pulled ${image}` });
  }

  /** The local image by this name, with when it was last tagged; undefined when there is none. */
  async localImage(image: string): Promise<LocalImage | undefined> {
    const info = await inspect(this.docker(), image);
    return info ? localImageOf(info) : undefined;
  }

  private async buildOne(project: Project, tags: ServiceTags, options: BuildOptions, task: Progress): Promise<BuiltImage> {
    const { service } = tags;
    const build = serviceConfig(project, service).build;
    if (!build) throw new SlipwayError('service_has_no_build', `service ${service} has no build section`);
    const started = Date.now();
    if (tags.commitNote) task.progress({ subject: service, message: tags.commitNote });
    task.progress({ subject: service, message: `building ${tags.tags.join(', ')}` });
    const attempt = (config: typeof build) =>
      buildImage(this.docker(), {
        service,
        build: config,
        tags: tags.tags,
        env: this.env,
        project,
        signal: task.signal,
        ...(options.noCache ? { noCache: true } : {}),
        ...(options.pull ? { pull: true } : {}),
        onEvent: (event) => task.progress(buildProgress(service, event)),
      });
    let outcome;
    try {
      outcome = await attempt(build);
    } catch (error) {
      // An engine without a usable default bridge (dockerd --bridge=none, docker0 gone)
      // cannot run RUN steps on the default network; the host network still works.
      if (build.network !== undefined || !(error instanceof SlipwayError) || !NO_BRIDGE.test(error.message)) throw error;
      task.progress({ subject: service, message: 'the engine has no default bridge network; building again with network: host' });
      outcome = await attempt({ ...build, network: 'host' });
    }
    const durationMs = Date.now() - started;
    task.progress({ subject: service, message: `built ${shortId(outcome.imageId)} with ${outcome.builder === 'buildkit' ? 'BuildKit' : 'the classic builder'} (${outcome.cachedSteps}/${outcome.totalSteps} steps cached, context ${formatBytes(outcome.context.bytes)})` });
    const image: BuiltImage = {
      service,
      image: tags.image,
      tags: tags.tags,
      imageId: outcome.imageId,
      cachedSteps: outcome.cachedSteps,
      totalSteps: outcome.totalSteps,
      durationMs,
    };
    if (tags.commitTag) image.commitTag = tags.commitTag;
    return image;
  }

  async push(project: Project, services: string[] | undefined, task: Progress): Promise<PushResult> {
    const targets = this.pushTargets(project, services);
    const names = await this.names(project, targets);
    const logins = new Map<string, RegistryAuth | undefined>();
    const images: PushedImage[] = [];
    for (const tags of names) {
      task.signal.throwIfAborted();
      const { registry } = tags.ref;
      if (!logins.has(registry)) logins.set(registry, await resolveCredentials(registry, this.env));
      images.push(await this.pushOne(project, tags, logins.get(registry), task));
    }
    return { images };
  }

  private async pushOne(project: Project, tags: ServiceTags, auth: RegistryAuth | undefined, task: Progress): Promise<PushedImage> {
    const { service, ref } = tags;
    const docker = this.docker();
    const result: PushedImage = { service, registry: ref.registry, pushed: [], skipped: [] };
    const main = await inspect(docker, tags.image);
    if (!main) throw new SlipwayError('image_missing', `service ${service}: there is no local image ${tags.image} to push`, 'Build it first: slipway build.');
    for (const full of tags.tags) {
      if (full !== tags.image && !(await inspect(docker, full))) {
        const reason = full === tags.commitTag ? 'not built from the current work tree; build again to make it' : 'no local image with this tag';
        result.skipped.push({ tag: full, reason });
        task.progress({ subject: service, message: `skipped ${full}: ${reason}` });
        continue;
      }
      const colon = full.lastIndexOf(':');
      const repository = full.slice(0, colon);
      const tag = full.slice(colon + 1);
      task.progress({ subject: service, message: `pushing ${full}` });
      const digest = await pushTag(docker, {
        service,
        registry: ref.registry,
        repository,
        tag,
        auth,
        signal: task.signal,
        onEvent: (event) => task.progress(pushProgress(service, event)),
      });
      const pushed: PushedTag = { tag: full, at: new Date().toISOString() };
      if (digest !== undefined) pushed.digest = digest;
      result.pushed.push(pushed);
      this.remember(project.name, service, pushed);
      task.progress({ subject: service, message: `pushed ${full}${digest ? ` (${digest})` : ''}` });
    }
    return result;
  }

  async list(project: Project): Promise<ServiceImage[]> {
    const services = Object.entries(project.model.services).filter(([, s]) => s.build || s.image).map(([name]) => name);
    const names = await this.names(project, services);
    const docker = this.docker();
    const result: ServiceImage[] = [];
    for (const tags of names) {
      const config = serviceConfig(project, tags.service);
      const local = await inspect(docker, tags.image);
      const entry: ServiceImage = {
        service: tags.service,
        image: tags.image,
        hasBuild: Boolean(config.build),
        pushable: Boolean(config.build && config.image),
        pullable: config.image !== undefined,
        localTags: local?.RepoTags ?? [],
        pushed: this.pushed.get(`${project.name}/${tags.service}`) ?? [],
      };
      if (tags.commitTag) entry.commitTag = tags.commitTag;
      if (local) {
        entry.imageId = local.Id;
        entry.origin = imageOrigin(Boolean(config.build), local.RepoDigests ?? []);
      }
      result.push(entry);
    }
    return result;
  }

  /** Names and commit tags for services (git is asked once). */
  private async names(project: Project, services: string[]): Promise<ServiceTags[]> {
    const config = tagsConfig(project);
    const commit = config.commit ? commitTagName(await gitState(project.workingDir, this.env), config) : {};
    return services.map((service) => serviceTags(project, service, commit));
  }

  private remember(projectName: string, service: string, tag: PushedTag): void {
    const key = `${projectName}/${service}`;
    const list = (this.pushed.get(key) ?? []).filter((t) => t.tag !== tag.tag);
    this.pushed.set(key, [tag, ...list].slice(0, 50));
  }
}

/** A service with `build:` has its image built; otherwise a registry digest means it was pulled. */
function imageOrigin(hasBuild: boolean, repoDigests: string[]): NonNullable<ServiceImage['origin']> {
  if (hasBuild) return 'built';
  return repoDigests.length > 0 ? 'pulled' : 'present';
}

async function inspect(docker: Docker, name: string): Promise<{ Id: string; RepoTags?: string[]; RepoDigests?: string[]; Metadata?: { LastTagTime?: string } } | undefined> {
  return docker.getImage(name).inspect().then(
    (info) => info,
    () => undefined,
  );
}

type ProgressUpdate = Parameters<TaskContext['progress']>[0];

function buildProgress(service: string, event: BuildEvent): ProgressUpdate {
  switch (event.kind) {
    case 'builder': {
      const words = event.builder === 'buildkit' ? 'building with BuildKit' : `building with the classic builder${event.reason ? ` (${event.reason})` : ''}`;
      return { subject: service, message: words, build: { kind: 'builder', builder: event.builder, ...(event.reason ? { reason: event.reason } : {}) } };
    }
    case 'vertex': {
      const build: BuildProgress = { kind: 'step', vertex: event.vertex, name: event.name, state: event.state };
      if (event.seconds !== undefined) build.seconds = event.seconds;
      return { subject: service, message: vertexLine(event), build };
    }
    case 'vertex-output':
      return { subject: service, message: `#${event.vertex} ${event.line}`, build: { kind: 'output', vertex: event.vertex, line: event.line } };
    case 'step':
      return { subject: service, message: `Step ${event.step}/${event.total} : ${event.instruction}`, current: event.step, total: event.total };
    case 'cached':
      return { subject: service, message: `Step ${event.step}/${event.total} : cached`, current: event.step, total: event.total };
    case 'output':
      return { subject: service, message: event.line };
    case 'built':
      return { subject: service, message: `image ${shortId(event.imageId)}` };
    case 'status': {
      const update: ProgressUpdate = { subject: event.id ? `${service}/${event.id}` : service, message: event.message };
      if (event.current !== undefined) update.current = event.current;
      if (event.total !== undefined) update.total = event.total;
      return update;
    }
  }
}

/** A layer as `SERVICE/LAYER` with its bytes; a line about the image as `SERVICE`. */
function pullProgress(service: string, event: PullEvent): ProgressUpdate {
  if (event.kind === 'status') return { subject: service, message: event.message };
  const update: ProgressUpdate = { subject: `${service}/${event.id}`, message: event.status };
  if (event.current !== undefined) update.current = event.current;
  if (event.total !== undefined) update.total = event.total;
  return update;
}

function pushProgress(service: string, event: PushEvent): ProgressUpdate {
  switch (event.kind) {
    case 'layer':
    case 'status':
      return pullProgress(service, event);
    case 'pushed':
      return { subject: service, message: `${event.tag}: digest ${event.digest}` };
  }
}

/** A step as docker's plain progress prints it: `#3 [2/4] RUN make`, `#3 CACHED`, `#3 DONE 1.2s`, `#3 ERROR: …`. */
function vertexLine(event: Extract<BuildEvent, { kind: 'vertex' }>): string {
  switch (event.state) {
    case 'running':
      return `#${event.vertex} ${event.name}`;
    case 'cached':
      return `#${event.vertex} CACHED`;
    case 'done':
      return `#${event.vertex} DONE${event.seconds !== undefined ? ` ${event.seconds.toFixed(1)}s` : ''}`;
    case 'error':
      return `#${event.vertex} ERROR: ${event.error ?? event.name}`;
  }
}

/** An image id as `docker images` shows it: 12 hex digits. */
function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

