import { readFileSync } from 'node:fs';
import { errorMessage, SlipwayError } from '../../../shared/errors';
import { canonicalService } from './canonical';
import { displayPath } from './environment';
import { interpolateSource } from './interpolate';
import type { Lookup } from './template';
import type { Dict } from './types';
import { isDict } from './types';
import { validateAgainstSchema } from './validate';
import { parseComposeYaml, type ComposeSource } from './yaml-source';
import { errnoCode } from '../thrown';
import { composeText } from './utf8-text';

/** What loading a file needs: where messages are relative to, the variables, where warnings go. */
export interface LoadContext {
  cwd: string;
  lookup: Lookup;
  warnings: string[];
  /** The file each service was last defined in, for messages about the merged model. */
  origins: Map<string, ComposeSource>;
  /** The top-level file that set `name:` last (included files do not name the project). */
  meta: { nameSource?: ComposeSource };
  /** Every file the load read or looked for (compose, include, extends, env files): what a live project watches. */
  sourceFiles?: Set<string>;
}

/** A compose file after YAML, interpolation and the schema check (before long forms). */
export interface CheckedFile {
  source: ComposeSource;
  data: Dict;
}

/** Reads, parses, interpolates and validates one file. */
export function readComposeFile(file: string, ctx: Pick<LoadContext, 'cwd' | 'lookup' | 'warnings' | 'sourceFiles'>): CheckedFile {
  ctx.sourceFiles?.add(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = errnoCode(error) === 'ENOENT' ? 'no such file' : errorMessage(error);
    throw new SlipwayError('compose_not_found', `cannot read compose file ${displayPath(file, ctx.cwd)}: ${reason}`, 'Check the path.');
  }
  const display = displayPath(file, ctx.cwd);
  const source = parseComposeYaml(composeText(bytes, display), file, display);
  const data = interpolateSource(source, ctx.lookup, ctx.warnings);
  validateAgainstSchema(data, source);
  return { source, data };
}

/** The file's services in long forms, relative paths resolved against `base`. */
export function canonicalServices(checked: CheckedFile, base: string): Record<string, Dict> {
  const out: Record<string, Dict> = {};
  const services = checked.data.services;
  if (!isDict(services)) return out;
  for (const [name, service] of Object.entries(services)) {
    out[name] = canonicalService(isDict(service) ? service : {}, base, checked.source, name);
  }
  return out;
}
