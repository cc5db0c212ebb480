import { SlipwayError } from '../../../shared/errors';
import type { Project, ServiceConfig } from '../../../shared/model/project';
import type { GitResult } from './git-commit';
import { isValidTag, parseImageRef, type ImageRef } from './image-names';
import { serviceImage } from '../compose/service-image';
import type { TagsConfig } from './slipway-config';

/** The names a service's image gets. */
export interface ServiceTags {
  service: string;
  ref: ImageRef;
  /** `repository:tag` of the image's own name. */
  image: string;
  /** The image name first, then the commit tag, then `build.tags`. */
  tags: string[];
  commitTag?: string;
  /** Why there is no commit tag, when commit tags are on but none could be made. */
  commitNote?: string;
}

export function serviceConfig(project: Project, service: string): ServiceConfig {
  const config = project.model.services[service];
  if (!config) {
    const known = Object.keys(project.model.services).join(', ') || 'none';
    throw new SlipwayError('service_unknown', `no such service: ${service}`, `Services of ${project.name}: ${known}.`);
  }
  return config;
}

/** The commit tag part: `1a2b3c4`, or `1a2b3c4-dirty` with uncommitted changes. */
export function commitTagName(git: GitResult, config: TagsConfig): { tag?: string; note?: string } {
  if (!config.commit) return {};
  if (!git.ok) return { note: `no commit tag: ${git.reason}` };
  const tag = git.state.dirty ? `${git.state.commit}${config.dirty_suffix}` : git.state.commit;
  return isValidTag(tag) ? { tag } : { note: `no commit tag: "${tag}" is not a valid tag` };
}

export function serviceTags(project: Project, service: string, commit: { tag?: string; note?: string }): ServiceTags {
  const config = serviceConfig(project, service);
  const name = config.image ?? serviceImage(project, service);
  const ref = parseImageRef(name);
  if (ref.digest !== undefined) {
    throw new SlipwayError('image_name_invalid', `service ${service}: image ${name} names a digest, which a build cannot be tagged with`, 'Write image: as NAME:TAG.');
  }
  const image = `${ref.repository}:${ref.tag}`;
  const tags = [image];
  const result: ServiceTags = { service, ref, image, tags };
  if (commit.tag !== undefined) {
    result.commitTag = `${ref.repository}:${commit.tag}`;
    if (!tags.includes(result.commitTag)) tags.push(result.commitTag);
  } else if (commit.note !== undefined) {
    result.commitNote = commit.note;
  }
  for (const extra of config.build?.tags ?? []) {
    const parsed = parseImageRef(extra);
    const full = `${parsed.repository}:${parsed.tag}`;
    if (!tags.includes(full)) tags.push(full);
  }
  return result;
}
