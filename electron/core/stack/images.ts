import type { Project } from '../../../shared/model/project';
import type { TaskProgress } from '../../../shared/contract/tasks';
import { SlipwayError } from '../../../shared/errors';
import { localImageOf, mustPull, pullPolicy, type LocalImage, type PullPolicy } from '../images/pull-policy';
import { inParallel, parallelLimit } from '../parallel';
import { statusCode } from '../thrown';
import { cleanPath } from './container-spec';
import { ServiceFailedError } from './errors';
import { serviceImage } from '../compose/service-image';
import type { StackCore } from './types';

export type ImageReporter = (image: string, status: string) => void;

export interface ImageInfo {
  id: string;
  /** The image declares a HEALTHCHECK of its own. */
  healthcheck: boolean;
  /** Paths the image declares with VOLUME (each gets an anonymous volume unless the service mounts something there). */
  volumes: string[];
}

/** What `up` (and `run`) was told about images: Compose's `--build`, `--no-build`, `--pull`. */
export interface ImageChoices {
  /** `--build`: every selected service with `build:` is built (its pull_policy becomes `build`). */
  build?: boolean;
  /** `--no-build`: nothing is built; a missing image to build is an error naming it. */
  noBuild?: boolean;
  /** `--pull POLICY`: this pull_policy for every selected service instead of the file's. */
  pull?: string;
  /** `--quiet-pull`: the pulls' layers are not reported. */
  quietPull?: boolean;
}

export interface EnsureImagesOptions extends ImageChoices {
  report: ImageReporter;
  /** A pull's layers and a build's steps, as images.pull / images.build report them. */
  onImageProgress?: (progress: Omit<TaskProgress, 'taskId' | 'kind' | 'projectId'>) => void;
  warn(message: string): void;
  signal?: AbortSignal;
}

/** Pulls at once when COMPOSE_PARALLEL_LIMIT does not say: no limit, as Compose. */
const PULL_LIMIT = Infinity;

/**
 * The one place that decides what `up`, `run` and watch's first `up` pull and build, as
 * docker/compose's ensureImagesExists: first the images each service's pull_policy asks for
 * (`always`; `missing` when absent; a refresh window when due; never for `never`/`build`),
 * with the user's login — a failure is only a warning when a service can build that image —
 * then the services with `build:` whose image is still missing or whose policy is `build`
 * (`--build` sets it), each image once. Returns each service's image.
 */
export async function ensureImages(core: StackCore, project: Project, services: string[], options: EnsureImagesOptions): Promise<Map<string, ImageInfo>> {
  const images = core.images;
  const signal = options.signal ?? new AbortController().signal;
  const policies = new Map<string, PullPolicy>();
  for (const service of services) policies.set(service, pullPolicy(service, policyText(project, service, options)));
  const byImage = new Map<string, string[]>();
  for (const service of services) {
    const image = serviceImage(project, service);
    byImage.set(image, [...(byImage.get(image) ?? []), service]);
  }
  // One inspect per image answers both what to pull (its tag time) and what up needs of it;
  // only images pulled or built below are inspected again.
  const local = new Map<string, InspectedImage | undefined>();
  const inspect = async (image: string) => local.set(image, await inspectImage(core, image));
  await Promise.all([...byImage.keys()].map(inspect));

  const now = new Date();
  const pulls = new Map<string, string>();
  for (const service of services) {
    const image = project.model.services[service]?.image;
    if (image === undefined || pulls.has(image)) continue;
    if (mustPull(policies.get(service) ?? { kind: 'missing' }, local.get(image), now)) pulls.set(image, service);
  }
  const layers = (p: Parameters<NonNullable<EnsureImagesOptions['onImageProgress']>>[0]) => {
    if (!options.quietPull && p.subject?.includes('/')) options.onImageProgress?.(p);
  };
  await inParallel([...pulls], parallelLimit(core.env, PULL_LIMIT), async ([image, service]) => {
    const buildable = canBeBuilt(project, image);
    options.report(image, 'Pulling');
    try {
      await images.pullImage({ service, image, buildable }, { progress: layers, signal });
    } catch (error) {
      if (!buildable || signal.aborted || !(error instanceof SlipwayError)) throw error;
      options.warn(`${error.message}; it will be built instead`);
      return;
    }
    options.report(image, 'Pulled');
    await inspect(image);
  });

  // images.build builds an image several of these services name once.
  const toBuild = services.filter((service) => project.model.services[service]?.build && (local.get(serviceImage(project, service)) === undefined || policies.get(service)?.kind === 'build'));
  if (toBuild.length > 0 && !options.noBuild) {
    await images.build(project, { services: toBuild }, { progress: (p) => options.onImageProgress?.(p), signal });
    await Promise.all([...new Set(toBuild.map((service) => serviceImage(project, service)))].map(inspect));
  }

  const result = new Map<string, ImageInfo>();
  for (const [image, users] of byImage) {
    const found = local.get(image);
    if (found === undefined) throw missing(project, image, users, policies, options);
    for (const service of users) result.set(service, found.info);
  }
  return result;
}

/** The pull_policy a service goes by: `--build` makes it `build` for a service with `build:`, else `--pull`, else the file's. */
function policyText(project: Project, service: string, choices: ImageChoices): string | undefined {
  const config = project.model.services[service];
  if (choices.build && config?.build) return 'build';
  return choices.pull ?? config?.pull_policy;
}

/** Compose's isServiceImageToBuild: some service of the project builds this image. */
function canBeBuilt(project: Project, image: string): boolean {
  return Object.entries(project.model.services).some(([name, config]) => config.build !== undefined && serviceImage(project, name) === image);
}

function missing(project: Project, image: string, users: string[], policies: Map<string, PullPolicy>, choices: ImageChoices): SlipwayError {
  const builder = users.find((s) => project.model.services[s]?.build);
  const first = builder ?? users[0] ?? '';
  if (builder && choices.noBuild) {
    return new ServiceFailedError('image_not_built', builder, `Image ${image} for service ${builder} is not built, and --no-build was given`, [], `Run up without --no-build (it builds what is missing), or build it first: slipway build ${builder}.`);
  }
  const policy = policies.get(first)?.kind;
  if (policy === 'never') {
    return new ServiceFailedError('image_missing', first, `Image ${image} for service ${first} is not present and pull_policy is "never"`, [], `Pull it first (slipway pull --policy always ${first}), or change pull_policy.`);
  }
  if (policy === 'build' && !builder) {
    return new ServiceFailedError('image_missing', first, `Image ${image} for service ${first} is not present, and pull_policy is "build" but ${first} has no build: section`, [], 'Add a build: section, or set pull_policy: missing.');
  }
  return new ServiceFailedError('image_missing', first, `Image ${image} for service ${first} is not present`, [], `Pull it (slipway pull ${first}) or add a build: section to ${first}.`);
}

/** A local image: what up needs of it, and what the pull policy looks at. */
interface InspectedImage extends LocalImage {
  info: ImageInfo;
}

async function inspectImage(core: StackCore, image: string): Promise<InspectedImage | undefined> {
  try {
    const info = await core.docker().docker.getImage(image).inspect();
    const test = info.Config.Healthcheck?.Test;
    return {
      ...localImageOf(info),
      info: {
        id: info.Id,
        healthcheck: Array.isArray(test) && test.length > 0 && test[0] !== 'NONE',
        volumes: Object.keys(info.Config.Volumes ?? {}).map(cleanPath),
      },
    };
  } catch (error) {
    if (statusCode(error) === 404) return undefined;
    throw error;
  }
}
