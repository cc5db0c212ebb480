import path from 'node:path';
import { z } from 'zod';
import { SlipwayError } from '../../../shared/errors';
import type { Project } from '../../../shared/model/project';
import type { BindFolder } from './bind-folders';

/**
 * Which bind-mounted folders the user asks to synchronize instead of bind-mounting:
 *
 *   x-slipway:
 *     sync: [web:/srv/www, worker:./src]     # SERVICE:PATH, PATH = the target or the host folder
 *   services:
 *     web:
 *       x-slipway:
 *         sync: [/srv/www]                   # or `sync: true` for every bind-mounted folder
 *
 * Other keys of `x-slipway` belong to other parts of Slipway and are left alone here.
 */
const TopLevel = z.object({ sync: z.array(z.string().min(1)).optional() }).passthrough();
const InService = z.object({ sync: z.union([z.boolean(), z.array(z.string().min(1))]).optional() }).passthrough();

/** `service\0target` of every folder asked for; an entry that names no bind-mounted folder is refused. */
export function askedToSync(project: Project, folders: BindFolder[]): Set<string> {
  const asked = new Set<string>();
  const file = project.configFiles[0] ?? 'the compose file';
  const pick = (service: string, wanted: string, where: string) => {
    const match = folders.find((f) => f.service === service && (f.target === wanted || f.source === path.resolve(project.workingDir, wanted)));
    if (!match) {
      throw new SlipwayError('config_invalid', `${where} in ${file}: service ${service} bind-mounts no folder at ${wanted}`, 'Name a bind mount of the service by its target (/srv/www) or its host folder (./www).');
    }
    asked.add(shareKey(match));
  };
  const top = parse(TopLevel, project.model['x-slipway'], 'x-slipway', file);
  for (const entry of top?.sync ?? []) {
    const colon = entry.indexOf(':');
    const service = colon > 0 ? entry.slice(0, colon) : '';
    if (!project.model.services[service]) {
      throw new SlipwayError('config_invalid', `x-slipway.sync in ${file}: "${entry}" does not start with a service of the project`, 'Write each entry as SERVICE:PATH, e.g. web:/srv/www.');
    }
    pick(service, entry.slice(colon + 1), 'x-slipway.sync');
  }
  for (const [service, config] of Object.entries(project.model.services)) {
    const where = `services.${service}.x-slipway`;
    const block = parse(InService, config['x-slipway'], where, file);
    if (block?.sync === true) for (const f of folders.filter((f) => f.service === service)) asked.add(shareKey(f));
    else if (Array.isArray(block?.sync)) for (const wanted of block.sync) pick(service, wanted, `${where}.sync`);
  }
  return asked;
}

export function shareKey(folder: Pick<BindFolder, 'service' | 'target'>): string {
  return `${folder.service}\0${folder.target}`;
}

function parse<T extends z.ZodType>(schema: T, raw: unknown, where: string, file: string): z.output<T> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = [where, ...(issue?.path ?? []).map(String)].join('.');
  throw new SlipwayError('config_invalid', `${at} in ${file}: ${issue?.message ?? 'invalid'}`, 'See docs/compose.md (x-slipway sync) for the form.');
}
