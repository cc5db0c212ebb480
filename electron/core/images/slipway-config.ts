import { z } from 'zod';
import { SlipwayError } from '../../../shared/errors';
import type { Project } from '../../../shared/model/project';

/**
 * The `tags` part of the top-level `x-slipway` block:
 *
 *   x-slipway:
 *     tags:
 *       commit: true          # also tag each built image with the commit id (default true)
 *       dirty_suffix: -dirty  # appended to it when the work tree has changes (default "-dirty")
 *
 * Other keys of `x-slipway` belong to other parts of Slipway and are left alone here.
 */
const TagsConfig = z
  .object({
    commit: z.boolean().default(true),
    dirty_suffix: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_.-]*$/, 'may only hold letters, digits, "_", "." and "-" (it becomes part of a tag)')
      .default('-dirty'),
  })
  .strict();

export type TagsConfig = z.output<typeof TagsConfig>;

export function tagsConfig(project: Project): TagsConfig {
  const block = project.model['x-slipway'];
  const raw = block && typeof block === 'object' && 'tags' in block ? block.tags : undefined;
  const parsed = TagsConfig.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = ['x-slipway', 'tags', ...(issue?.path ?? []).map(String)].join('.');
  const file = project.configFiles[0] ?? 'the compose file';
  throw new SlipwayError('config_invalid', `${where} in ${file}: ${issue?.message ?? 'invalid'}`, 'See docs/images.md for the x-slipway tags block.');
}
