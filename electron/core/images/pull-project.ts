import { SlipwayError, toErrorInfo } from '../../../shared/errors';
import type { PulledImage, PullResult } from '../../../shared/contract/images';
import type { Project } from '../../../shared/model/project';
import { dependencyMap } from '../compose/graph';
import { inParallel } from '../parallel';
import type { TaskContext } from '../tasks/task-runner';
import { pullCommandDecision, type LocalImage } from './pull-policy';
import { serviceConfig } from './service-tags';

export interface PullOptions {
  /** Default: every service. */
  services?: string[];
  /** `--include-deps`: the named services' dependencies too. */
  includeDeps?: boolean;
  /** `--ignore-buildable`: a service with `build:` is not pulled. */
  ignoreBuildable?: boolean;
  /** `--ignore-pull-failures`: pull what can be pulled, succeed anyway. */
  ignorePullFailures?: boolean;
  /** `-q`: no layer progress. */
  quiet?: boolean;
  /** `--policy`: this pull_policy for every service with an image, instead of the file's. */
  policy?: 'missing' | 'always';
}

/** What `pull` needs of the images room: the local image, one pull with the user's login, how many at once. */
export interface ImagePuller {
  local(image: string): Promise<LocalImage | undefined>;
  pull(request: { service: string; image: string; buildable: boolean; quiet: boolean; signal: AbortSignal }): Promise<void>;
  limit: number;
  now(): Date;
}

type Progress = Pick<TaskContext, 'progress' | 'signal'>;

/**
 * `slipway pull`, as docker/compose's pull: the named services (their dependencies too with
 * includeDeps), each
 * image once however many services share it, in parallel; a service without `image:` and one
 * its policy leaves alone are reported as skipped. A pull that fails for a service that cannot
 * be built stops the others (unless ignorePullFailures); one that can be built is reported
 * (`must be built from source`) and the rest goes on; the task fails if any pull failed.
 */
export async function pullProject(project: Project, options: PullOptions, puller: ImagePuller, task: Progress): Promise<PullResult> {
  const services = options.services && options.services.length > 0 ? named(project, options.services, options.includeDeps === true) : Object.keys(project.model.services);
  const images: PulledImage[] = [];
  const scheduled = new Map<string, PulledImage>();
  for (const service of services) {
    const config = serviceConfig(project, service);
    const skip = (image: string | undefined, reason: string) => {
      images.push({ ...(image !== undefined ? { image } : {}), services: [service], outcome: 'skipped', reason });
      task.progress({ subject: service, message: `Skipped${image !== undefined ? ` ${image}` : ''}: ${reason}` });
    };
    const image = config.image;
    if (image === undefined) {
      skip(undefined, 'No image to be pulled');
      continue;
    }
    const already = scheduled.get(image);
    if (already) {
      already.services.push(service);
      continue;
    }
    const policy = options.policy ?? config.pull_policy;
    const decision = pullCommandDecision(policy, service, image, await puller.local(image), puller.now());
    if (!decision.pull) {
      skip(image, decision.skipReason ?? 'not pulled');
      continue;
    }
    if (config.build && options.ignoreBuildable) {
      skip(image, 'Image can be built');
      continue;
    }
    const entry: PulledImage = { image, services: [service], outcome: 'pulled' };
    scheduled.set(image, entry);
    images.push(entry);
  }

  // A failure that cannot be helped by a build stops the pulls still running (Compose's fail fast).
  const stop = new AbortController();
  const signal = AbortSignal.any([task.signal, stop.signal]);
  const failures: SlipwayError[] = [];
  const mustBuild: string[] = [];
  let fatal: SlipwayError | undefined;
  await inParallel([...scheduled.values()], puller.limit, async (entry) => {
    const service = entry.services[0] ?? '';
    const image = entry.image ?? '';
    const buildable = entry.services.some((s) => project.model.services[s]?.build !== undefined);
    if (signal.aborted) {
      entry.outcome = 'skipped';
      entry.reason = 'Interrupted';
      return;
    }
    try {
      await puller.pull({ service, image, buildable, quiet: options.quiet === true, signal });
    } catch (error) {
      if (task.signal.aborted) throw error;
      const failure = error instanceof SlipwayError ? error : new SlipwayError('pull_failed', `service ${service}: pull of ${image} failed`);
      entry.outcome = stop.signal.aborted && failure.code === 'cancelled' ? 'skipped' : 'failed';
      entry.reason = entry.outcome === 'skipped' ? 'Interrupted' : failure.message;
      if (entry.outcome === 'skipped') return;
      entry.error = toErrorInfo(failure);
      failures.push(failure);
      if (buildable) mustBuild.push(...entry.services.filter((s) => project.model.services[s]?.build !== undefined));
      else if (!options.ignorePullFailures && fatal === undefined) {
        fatal = failure;
        stop.abort();
      }
    }
  });
  task.signal.throwIfAborted();
  if (mustBuild.length > 0) {
    task.progress({ message: `Some service image(s) must be built from source by running: slipway build ${mustBuild.join(' ')}` });
  }
  if (fatal) throw fatal;
  if (!options.ignorePullFailures && failures.length > 0) throw joined(failures);
  return { images, mustBuild };
}

function joined(failures: SlipwayError[]): SlipwayError {
  const [first] = failures;
  if (failures.length === 1 && first) return first;
  return new SlipwayError(first?.code ?? 'pull_failed', failures.map((f) => f.message).join('\n'), first?.hint);
}

/** The named services, and with includeDeps everything they depend on (links, volumes_from… as up). */
function named(project: Project, services: string[], includeDeps: boolean): string[] {
  const result = new Set<string>();
  const deps = includeDeps ? dependencyMap(project) : {};
  const add = (service: string) => {
    if (result.has(service)) return;
    result.add(service);
    for (const dep of deps[service] ?? []) if (project.model.services[dep]) add(dep);
  };
  for (const service of services) add(service);
  return [...result];
}
