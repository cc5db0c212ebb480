import { z } from 'zod';
import { defineCall, defineTask } from './define';
import { ProjectRef, ServiceNames } from './common';

/**
 * Images: build a project's services and push them, tagged with the commit; pull them.
 * All are tasks: progress arrives as `task.progress` events whose `subject` is the
 * service (build steps: current/total = step n/m) or `SERVICE/LAYER` (push: current/total
 * = bytes of that layer), and the result arrives with `task.done`.
 */
/**
 * A build's progress, structured (task.progress `build`; the message says the same in
 * docker's plain-progress words): which builder runs, each BuildKit step (`#3 [2/4] RUN make`)
 * as it starts and ends (CACHED, DONE with seconds, ERROR), and each step's output lines.
 */
export const BuildProgress = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builder'), builder: z.enum(['buildkit', 'classic']), reason: z.string().optional() }),
  z.object({
    kind: z.literal('step'),
    /** The step's number in this build (`#3`), in the order BuildKit reported them. */
    vertex: z.number().int(),
    name: z.string(),
    state: z.enum(['running', 'cached', 'done', 'error']),
    seconds: z.number().optional(),
  }),
  z.object({ kind: z.literal('output'), vertex: z.number().int(), line: z.string() }),
]);
export type BuildProgress = z.infer<typeof BuildProgress>;

export const ImagesBuildInput = ProjectRef.extend({
  /** Default: every service with a `build:` section. */
  services: ServiceNames.optional(),
  /** `--no-cache`. */
  noCache: z.boolean().optional(),
  /** `--pull`: always try to pull a newer version of the base images. */
  pull: z.boolean().optional(),
});
export type ImagesBuildInput = z.infer<typeof ImagesBuildInput>;

export const ImagesPushInput = ProjectRef.extend({
  /** Default: every service with both `build:` and `image:`. */
  services: ServiceNames.optional(),
});
export type ImagesPushInput = z.infer<typeof ImagesPushInput>;

export const BuiltImage = z.object({
  service: z.string(),
  /** The image's own name (`image:`, or `<project>-<service>`), with its tag. */
  image: z.string(),
  /** Every tag given to the image: the name above, the commit tag, `build.tags`. */
  tags: z.array(z.string()),
  /** The commit tag alone (e.g. `registry/app:1a2b3c4-dirty`), when one was made. */
  commitTag: z.string().optional(),
  imageId: z.string(),
  /** Steps served from the build cache, out of all steps. */
  cachedSteps: z.number().int(),
  totalSteps: z.number().int(),
  durationMs: z.number(),
});
export type BuiltImage = z.infer<typeof BuiltImage>;

export const PushedTag = z.object({
  tag: z.string(),
  digest: z.string().optional(),
  /** ISO time of the push. */
  at: z.string(),
});
export type PushedTag = z.infer<typeof PushedTag>;

export const PushedImage = z.object({
  service: z.string(),
  registry: z.string(),
  pushed: z.array(PushedTag),
  /** Tags not pushed and why (e.g. the commit tag was never built). */
  skipped: z.array(z.object({ tag: z.string(), reason: z.string() })),
});
export type PushedImage = z.infer<typeof PushedImage>;

export const BuildResult = z.object({ images: z.array(BuiltImage) });
export type BuildResult = z.infer<typeof BuildResult>;
export const PushResult = z.object({ images: z.array(PushedImage) });
export type PushResult = z.infer<typeof PushResult>;

export const ServiceImage = z.object({
  service: z.string(),
  image: z.string(),
  /** The commit tag the current work tree would get (absent outside git, or when switched off). */
  commitTag: z.string().optional(),
  hasBuild: z.boolean(),
  /** Whether `push` would push it (needs `build:` and `image:`). */
  pushable: z.boolean(),
  /** Whether `pull` would pull it (it has `image:`). */
  pullable: z.boolean().optional(),
  /** The local image, when it exists. */
  imageId: z.string().optional(),
  /**
   * Where the local image came from: built from the service's `build:`, pulled from a
   * registry (it has a registry digest), or present otherwise (loaded, or built elsewhere).
   */
  origin: z.enum(['built', 'pulled', 'present']).optional(),
  localTags: z.array(z.string()),
  /** Tags pushed by this Slipway since it started, newest first. */
  pushed: z.array(PushedTag),
});
export type ServiceImage = z.infer<typeof ServiceImage>;

export const ImagesPullInput = ProjectRef.extend({
  /** Default: every service. Only these, not what they depend on unless includeDeps (as Compose's pull). */
  services: ServiceNames.optional(),
  /** `--include-deps`: also the named services' dependencies. */
  includeDeps: z.boolean().optional(),
  /** `--ignore-buildable`: leave services with a `build:` section alone. */
  ignoreBuildable: z.boolean().optional(),
  /** `--ignore-pull-failures`: pull what can be pulled and succeed. */
  ignorePullFailures: z.boolean().optional(),
  /** `-q`: no per-layer progress events. */
  quiet: z.boolean().optional(),
  /** `--policy`: this pull_policy for every service with an image, instead of the file's. */
  policy: z.enum(['missing', 'always']).optional(),
});
export type ImagesPullInput = z.infer<typeof ImagesPullInput>;

export const PulledImage = z.object({
  /** The image as the file names it (absent for a service without `image:`). */
  image: z.string().optional(),
  /** The services that use it (one pull serves them all). */
  services: z.array(z.string()),
  outcome: z.enum(['pulled', 'skipped', 'failed']),
  /** Why it was skipped, or how it failed. */
  reason: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
});
export type PulledImage = z.infer<typeof PulledImage>;

export const PullResult = z.object({
  images: z.array(PulledImage),
  /** Services whose image could not be pulled but can be built (`slipway build …`). */
  mustBuild: z.array(z.string()),
});
export type PullResult = z.infer<typeof PullResult>;

export const imagesCalls = {
  /**
   * Pull with the user's Docker login: progress subjects are `SERVICE` (Pulling/Pulled/Skipped
   * IMAGE) and `SERVICE/LAYER` (the layer's status; current/total = its bytes).
   */
  'images.pull': defineTask({ input: ImagesPullInput, result: PullResult }),
  'images.build': defineTask({ input: ImagesBuildInput, result: BuildResult }),
  'images.push': defineTask({ input: ImagesPushInput, result: PushResult }),
  'images.list': defineCall({ input: ProjectRef, output: z.array(ServiceImage) }),
};

export const imagesEvents = {};
