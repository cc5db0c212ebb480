import type { ErrorObject } from 'ajv';
import { SlipwayError } from '../../../shared/errors';
import { composeValidator } from './schema-validator';
import type { Dict, KeyPath } from './types';
import { formatKeyPath, isDict } from './types';
import type { ComposeSource } from './yaml-source';

/** An ajv error parameter that should be a list (allowedValues), as a list. */
function listParam(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function pointerToPath(pointer: string, data: unknown): KeyPath {
  if (pointer === '') return [];
  const out: KeyPath = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(part);
      out.push(index);
      node = node[index];
    } else {
      out.push(part);
      node = isDict(node) ? node[part] : undefined;
    }
  }
  return out;
}

function valueAt(data: unknown, path: KeyPath): unknown {
  let node = data;
  for (const part of path) {
    if (Array.isArray(node) && typeof part === 'number') node = node[part];
    else if (isDict(node)) node = node[String(part)];
    else return undefined;
  }
  return node;
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

function joinOr(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** One readable error out of ajv's list: the deepest place, the most telling kind. */
function describe(errors: ErrorObject[], data: unknown): { path: KeyPath; message: string } {
  let depth = -1;
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    depth = Math.max(depth, pointerToPath(e.instancePath, data).length);
  }
  const atDepth = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && pointerToPath(e.instancePath, data).length === depth);
  const pointer = atDepth[0]?.instancePath ?? '';
  const here = atDepth.filter((e) => e.instancePath === pointer);
  const path = pointerToPath(pointer, data);
  const name = formatKeyPath(path) || 'the top level';
  const value = valueAt(data, path);
  const structural = here.filter((e) => e.keyword !== 'type');
  const telling = isDict(value) || Array.isArray(value) ? structural : here.filter((e) => e.keyword === 'enum' || e.keyword === 'pattern' || e.keyword === 'minimum' || e.keyword === 'maximum');
  const pick = telling[0];
  if (!pick) {
    const types = new Set<string>();
    for (const e of here) {
      const t: unknown = e.params.type;
      for (const one of Array.isArray(t) ? t : t ? [t] : []) types.add(String(one));
    }
    return { path, message: `${name} must be ${joinOr([...types].map((t) => ARTICLE[t] ?? t))}` };
  }
  switch (pick.keyword) {
    case 'enum':
      return { path, message: `${name} must be one of ${listParam(pick.params.allowedValues).map(String).join(', ')}` };
    case 'additionalProperties': {
      const key = String(pick.params.additionalProperty);
      const parentIsServices = path.length === 1 && (path[0] === 'services' || path[0] === 'volumes' || path[0] === 'secrets' || path[0] === 'configs');
      if (parentIsServices && !/^[a-zA-Z0-9._-]+$/.test(key)) {
        return { path: [...path, key], message: `${name}: ${JSON.stringify(key)} is not a valid ${String(path[0]).slice(0, -1)} name (use letters, digits, ".", "_" and "-")` };
      }
      return { path: [...path, key], message: `${name === 'the top level' ? 'top level' : name}: additional property ${key} is not allowed` };
    }
    case 'required':
      return { path, message: `${name}.${String(pick.params.missingProperty)} is required` };
    case 'uniqueItems':
    {
      const [a, b] = [Number(pick.params.i), Number(pick.params.j)].sort((x, y) => x - y);
      return { path: [...path, b ?? 0], message: `${name} must not contain duplicates (items ${String(a)} and ${String(b)} are the same)` };
    }
    case 'minimum':
    case 'maximum':
      return { path, message: `${name} must be ${pick.keyword === 'minimum' ? '>=' : '<='} ${String(pick.params.limit)}` };
    case 'pattern':
      if (path[path.length - 1] === 'pull_policy') {
        return { path, message: `${name} must be one of always, never, missing, build, if_not_present, refresh, daily, weekly or every_<duration>` };
      }
      return { path, message: `${name} does not match ${String(pick.params.pattern)}` };
    default:
      return { path, message: `${name} ${pick.message ?? 'is invalid'}` };
  }
}

/** Checks one (interpolated) compose file against the Compose spec's schema. */
export function validateAgainstSchema(data: Dict, source: ComposeSource): void {
  const validate = composeValidator();
  if (validate(data)) return;
  const { path, message } = describe(validate.errors ?? [], data);
  throw new SlipwayError('compose_invalid', `${source.where(path)}: ${message}`, 'See the Compose specification for this key.');
}
