import { z } from 'zod';
import { parseDayDurationMs } from '../../../shared/duration';
import { SlipwayError } from '../../../shared/errors';
import { parseImageRef } from './image-names';

/**
 * A service's `pull_policy`, read as compose-go's ServiceConfig.GetPullPolicy: `always`,
 * `never`, `missing` (also `if_not_present`, and anything unknown), `build`, and the
 * refresh windows `daily`, `weekly`, `every_<duration>` (str2duration: `every_12h`, `every_1w2d`).
 */
export type PullPolicy = { kind: 'always' | 'never' | 'missing' | 'build' } | { kind: 'refresh'; everyMs: number };

/** What is known of the local image a service names. */
export interface LocalImage {
  /** When the engine last gave the image this name (inspect's Metadata.LastTagTime), if it says. */
  lastTagTime?: Date;
}

/** The part of an image inspect answer the pull policy reads (dockerode's types leave it out). */
const InspectMetadata = z.object({ Metadata: z.object({ LastTagTime: z.string().optional() }).optional() });

/** The LocalImage of an image inspect answer (the engine says 0001-01-01 for an image never tagged since it came). */
export function localImageOf(info: object): LocalImage {
  const parsed = InspectMetadata.safeParse(info);
  const tagged = parsed.success ? parsed.data.Metadata?.LastTagTime : undefined;
  const time = tagged ? new Date(tagged) : undefined;
  return time && !Number.isNaN(time.getTime()) && time.getUTCFullYear() > 1 ? { lastTagTime: time } : {};
}

const DAY_MS = 24 * 3600 * 1000;

export function pullPolicy(service: string, policy: string | undefined): PullPolicy {
  switch (policy) {
    case 'always':
    case 'never':
    case 'missing':
    case 'build':
      return { kind: policy };
    case 'if_not_present':
      return { kind: 'missing' };
    case 'daily':
      return { kind: 'refresh', everyMs: DAY_MS };
    case 'weekly':
      return { kind: 'refresh', everyMs: 7 * DAY_MS };
    default: {
      if (policy === undefined || !policy.startsWith('every_')) return { kind: 'missing' };
      const everyMs = parseDayDurationMs(policy.slice('every_'.length));
      if (everyMs === undefined) {
        throw new SlipwayError('pull_policy_invalid', `service ${service}: pull_policy "${policy}" has no valid duration after every_`, 'Write it as every_<number><unit>, e.g. every_12h or every_1w2d (units ms, s, m, h, d, w).');
      }
      return { kind: 'refresh', everyMs };
    }
  }
}

/**
 * Whether `up` pulls a service's image (docker/compose mustPull): `always` pulls, `never` and
 * `build` do not, a refresh window pulls when the image is missing or was tagged longer ago
 * than the window, `missing` when the image is not there.
 */
export function mustPull(policy: PullPolicy, local: LocalImage | undefined, now: Date): boolean {
  switch (policy.kind) {
    case 'always':
      return true;
    case 'never':
    case 'build':
      return false;
    case 'refresh':
      return local === undefined || now.getTime() > (local.lastTagTime?.getTime() ?? 0) + policy.everyMs;
    case 'missing':
      return local === undefined;
  }
}

/**
 * Whether `pull` (the command) pulls a service's image, and why not (docker/compose
 * shouldPullImage): as `up` decides, except that the user asked for a pull — a service
 * without pull_policy is always pulled, a refresh window counts as due, and a present
 * `latest` tag is refreshed under `missing`.
 */
export function pullCommandDecision(policyText: string | undefined, service: string, image: string, local: LocalImage | undefined, now: Date): { pull: boolean; skipReason?: string } {
  if (policyText === undefined) return { pull: true };
  const policy = pullPolicy(service, policyText);
  if (mustPull(policy, local, now)) return { pull: true };
  switch (policy.kind) {
    case 'refresh':
      return { pull: true };
    case 'missing':
      return isLatestTag(image) ? { pull: true } : { pull: false, skipReason: 'Image is already present locally' };
    default:
      return { pull: false, skipReason: `pull_policy is ${policy.kind}` };
  }
}

function isLatestTag(image: string): boolean {
  try {
    const ref = parseImageRef(image);
    return ref.digest === undefined && ref.tag === 'latest';
  } catch {
    return false;
  }
}
