import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { errorMessage, SlipwayError } from '../../../shared/errors';
import type { BuildConfig } from '../../../shared/model/project';
import { createBuildContext, type BuildContextOptions, type ContextStats } from './build-context';
import { chooseBuilder, type Builder } from './builder-choice';
import { sessionSources, type BuildProject } from './build-session-sources';
import { buildKitFiles } from './buildkit/synced-dirs';
import { BuildProgressParser, type BuildEvent } from './build-progress';
import { resolveCredentials, type RegistryAuth } from './credentials';
import { authKey, parseImageRef } from './image-names';
import { jsonLines } from './json-lines';
import { readable } from './readable';
import { engineMessage } from '../thrown';

type Env = Record<string, string | undefined>;

export interface BuildRequest {
  service: string;
  build: BuildConfig;
  /** Every name:tag to give the image; the first is its own name. */
  tags: string[];
  noCache?: boolean;
  pull?: boolean;
  /** For build args without a value (`args: [NAME]`): taken from here, as Compose does. */
  env: Env;
  signal?: AbortSignal;
  onEvent(event: BuildEvent): void;
  /** The project's top-level secrets and their values, for `build.secrets` (BuildKit). */
  project?: BuildProject;
}

export interface BuildOutcome {
  imageId: string;
  cachedSteps: number;
  totalSteps: number;
  context: ContextStats;
  /** Which builder ran. */
  builder: Builder;
}

/**
 * Builds one service's image: with the engine's BuildKit (a session for the context,
 * registry logins, build secrets and ssh forwarding) unless DOCKER_BUILDKIT=0 or the engine has none; then
 * with the classic builder. Which one ran is the first event.
 */
export async function buildImage(docker: Docker, request: BuildRequest): Promise<BuildOutcome> {
  const choice = await chooseBuilder(docker, request.env);
  request.onEvent({ kind: 'builder', builder: choice.builder, ...(choice.reason ? { reason: choice.reason } : {}) });
  if (choice.builder === 'classic') return buildClassic(docker, request);
  return buildWithBuildKit(docker, request);
}

async function buildWithBuildKit(docker: Docker, request: BuildRequest): Promise<BuildOutcome> {
  const { service, build } = request;
  const sources = await sessionSources(service, build, request.project, request.env);
  const secretFiles = [...sources.secrets.values()].flatMap((source) => ('file' in source ? [source.file] : []));
  // gRPC and protobuf load here, only when a BuildKit build runs.
  const { runBuildKit } = await import('./buildkit/run-buildkit');
  const files = await buildKitFiles(contextOptions(request), secretFiles);
  const query = buildQuery(request, files.dockerfileName);
  let outcome;
  try {
    outcome = await runBuildKit(docker, {
      query,
      session: { contextDir: build.context, credentials: (host) => resolveCredentials(host, request.env), secrets: sources.secrets, ssh: sources.ssh, dirs: files.dirs },
      ...(request.signal ? { signal: request.signal } : {}),
      onEvent: request.onEvent,
    });
  } catch (error) {
    throw buildError(service, error, request.signal);
  }
  if (request.signal?.aborted) throw buildError(service, new Error('cancelled'), request.signal);
  if (!outcome.ok) {
    const { step, output } = outcome.failure;
    const where = step ? ` at ${step}` : '';
    const tail = output.length > 0 ? ` Its last output:\n${output.join('\n')}` : '';
    throw new SlipwayError('build_failed', `service ${service}: build failed${where}: ${outcome.message.trim()}`, `Fix the Dockerfile and build again.${tail}`);
  }
  return { imageId: outcome.imageId, cachedSteps: outcome.cachedSteps, totalSteps: outcome.totalSteps, context: files.stats, builder: 'buildkit' };
}

function contextOptions(request: BuildRequest): BuildContextOptions {
  const { build } = request;
  return {
    contextDir: build.context,
    ...(build.dockerfile !== undefined ? { dockerfile: build.dockerfile } : {}),
    ...(build.dockerfile_inline !== undefined ? { dockerfileInline: build.dockerfile_inline } : {}),
    service: request.service,
    ...(request.signal ? { signal: request.signal } : {}),
  };
}

/** POST /build parameters shared by both builders, from the build: section and the flags. */
function buildQuery(request: BuildRequest, dockerfileName: string): Record<string, unknown> {
  const { build } = request;
  const options: Record<string, unknown> = { t: request.tags, dockerfile: dockerfileName, rm: true, forcerm: true };
  const args = buildArgs(build.args, request.env);
  if (Object.keys(args).length > 0) options.buildargs = args;
  if (build.labels && Object.keys(build.labels).length > 0) options.labels = build.labels;
  if (build.target) options.target = build.target;
  if (build.cache_from && build.cache_from.length > 0) options.cachefrom = JSON.stringify(build.cache_from);
  if (typeof build.network === 'string' && build.network !== '') options.networkmode = build.network;
  const hosts = extraHosts(build.extra_hosts);
  if (hosts.length > 0) options.extrahosts = hosts;
  const shm = shmBytes(build.shm_size);
  if (shm !== undefined) options.shmsize = shm;
  if (build.platforms && build.platforms.length === 1 && build.platforms[0]) options.platform = build.platforms[0];
  if (request.noCache || build.no_cache === true) options.nocache = true;
  if (request.pull || build.pull === true) options.pull = true;
  return options;
}

/** extra_hosts (host → IPs) as the engine's `host:ip` list. */
function extraHosts(value: BuildConfig['extra_hosts']): string[] {
  const hosts: string[] = [];
  for (const [host, ips] of Object.entries(value ?? {})) {
    for (const ip of Array.isArray(ips) ? ips : [ips]) hosts.push(`${host}:${ip}`);
  }
  return hosts;
}

function shmBytes(value: BuildConfig['shm_size']): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The classic builder (POST /build version 1): no session, logins in X-Registry-Config. */
async function buildClassic(docker: Docker, request: BuildRequest): Promise<BuildOutcome> {
  const { service, build } = request;
  if ((build.secrets?.length ?? 0) > 0 || build.ssh !== undefined) {
    const what = (build.secrets?.length ?? 0) > 0 ? 'secrets' : 'SSH keys';
    throw new SlipwayError('build_needs_buildkit', `service ${service}: the classic builder doesn't support ${what}, set DOCKER_BUILDKIT=1 to use BuildKit`, 'Unset DOCKER_BUILDKIT=0, or use an engine with BuildKit.');
  }
  if ((build.platforms?.length ?? 0) > 1) {
    throw new SlipwayError('build_needs_buildkit', `service ${service}: the classic builder doesn't support multi-arch build, set DOCKER_BUILDKIT=1 to use BuildKit`);
  }
  const context = await createBuildContext(contextOptions(request));
  const options = buildQuery(request, context.dockerfileName);
  const registryconfig = await baseImageCredentials(context.dockerfileText, request.env);
  if (Object.keys(registryconfig).length > 0) options.registryconfig = registryconfig;
  if (request.signal) options.abortSignal = request.signal;

  const parser = new BuildProgressParser();
  let response: Readable;
  try {
    response = readable(await docker.buildImage(context.stream, options));
  } catch (error) {
    throw buildError(service, context.failure() ?? error, request.signal);
  }
  const onAbort = () => response.destroy(request.signal?.reason instanceof Error ? request.signal.reason : new Error('cancelled'));
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const message of jsonLines(response)) {
      for (const event of parser.feed(message)) request.onEvent(event);
    }
    for (const event of parser.end()) request.onEvent(event);
  } catch (error) {
    throw buildError(service, context.failure() ?? error, request.signal);
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
  }
  if (parser.failure) {
    const { message, step, output } = parser.failure;
    const where = step ? ` at step ${step.step}/${step.total} (${step.instruction})` : '';
    const tail = output.length > 0 ? ` Its last output:\n${output.slice(-5).join('\n')}` : '';
    throw new SlipwayError('build_failed', `service ${service}: build failed${where}: ${message}`, `Fix the Dockerfile and build again.${tail}`);
  }
  if (parser.imageId === undefined) {
    throw new SlipwayError('build_failed', `service ${service}: the engine ended the build without an image`, 'Build again; if it persists, check the engine log.');
  }
  return {
    imageId: parser.imageId,
    cachedSteps: parser.cachedSteps,
    totalSteps: parser.currentStep?.total ?? 0,
    context: context.stats,
    builder: 'classic',
  };
}

/** Compose's args: a null value (`args: [NAME]`) takes NAME from the environment, or is left out. */
function buildArgs(args: Record<string, string | null> | undefined, env: Env): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(args ?? {})) {
    const fromEnv = env[name];
    if (value !== null && value !== undefined) result[name] = String(value);
    else if (fromEnv !== undefined) result[name] = fromEnv;
  }
  return result;
}

/** Logins for the registries named in FROM lines, so private base images can be pulled. */
async function baseImageCredentials(dockerfile: string, env: Env): Promise<Record<string, RegistryAuth>> {
  const registries = new Set<string>();
  for (const match of dockerfile.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)/gim)) {
    const image = match[1] ?? '';
    if (image === 'scratch' || image.includes('$')) continue;
    try {
      const registry = parseImageRef(image).registry;
      if (registry !== 'docker.io') registries.add(registry);
    } catch {
      // a stage name or something the engine will judge
    }
  }
  const config: Record<string, RegistryAuth> = {};
  for (const registry of registries) {
    const auth = await resolveCredentials(registry, env).catch(() => undefined);
    if (auth) config[authKey(registry)] = auth;
  }
  return config;
}

function buildError(service: string, error: unknown, signal: AbortSignal | undefined): Error {
  if (signal?.aborted) return new SlipwayError('cancelled', `service ${service}: build cancelled`);
  if (error instanceof SlipwayError) return error;
  const message = engineMessage(error) ?? errorMessage(error);
  return new SlipwayError('build_failed', `service ${service}: build failed: ${message.trim()}`, 'Fix the Dockerfile or the build section and build again.');
}
