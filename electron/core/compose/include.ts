import { existsSync } from 'node:fs';
import path from 'node:path';
import { SlipwayError } from '../../../shared/errors';
import type { LoadContext } from './compose-file';
import { loadDotEnv } from './environment';
import type { Lookup } from './template';
import type { Dict } from './types';
import { isDict } from './types';
import type { ComposeSource } from './yaml-source';

/** Loads a list of files as one project (merged), relative paths against `base`. */
export type LoadFiles = (files: string[], base: string, ctx: LoadContext, stack: string[]) => Dict;

interface IncludeEntry {
  paths: string[];
  projectDirectory: string;
  envFiles: string[];
  explicitEnv: boolean;
}

function entries(value: unknown, dir: string): IncludeEntry[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const spec: Dict = typeof item === 'string' ? { path: item } : isDict(item) ? item : {};
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
    const paths = list(spec.path).map((p) => path.resolve(dir, p));
    const projectDirectory = typeof spec.project_directory === 'string' ? path.resolve(dir, spec.project_directory) : path.dirname(paths[0] ?? dir);
    const givenEnv = list(spec.env_file).map((p) => path.resolve(dir, p));
    return {
      paths,
      projectDirectory,
      envFiles: givenEnv.length > 0 ? givenEnv : [path.join(projectDirectory, '.env')],
      explicitEnv: givenEnv.length > 0,
    };
  });
}

const KINDS = ['services', 'networks', 'volumes', 'secrets', 'configs'] as const;

/**
 * `include`: other compose applications loaded on their own (their own folder for
 * relative paths, their own env file for defaults) and added to this one. A resource
 * defined both here and in an included file is an error, unless both are identical.
 */
export function applyIncludes(model: Dict, file: string, source: ComposeSource, ctx: LoadContext, stack: string[], loadFiles: LoadFiles): Dict {
  const list = entries(model.include, path.dirname(file));
  const out: Dict = { ...model };
  delete out.include;
  list.forEach((entry, index) => {
    for (const p of entry.paths) {
      if (!existsSync(p)) {
        throw new SlipwayError('compose_include', `${source.where(['include', index])}: include: file ${path.relative(ctx.cwd, p) || p} not found`, 'Fix the include path.');
      }
      if (stack.includes(p)) {
        const names = [...stack, p].map((f) => path.basename(f)).join(' -> ');
        throw new SlipwayError('compose_include', `${source.where(['include', index])}: include cycle ${names}`, 'A file cannot include itself, directly or through others.');
      }
    }
    for (const envFile of entry.envFiles) ctx.sourceFiles?.add(envFile);
    const defaults = loadDotEnv(entry.envFiles, {}, entry.explicitEnv, ctx.cwd);
    const lookup: Lookup = (name) => ctx.lookup(name) ?? defaults[name];
    const included = loadFiles(entry.paths, entry.projectDirectory, { ...ctx, lookup }, stack);
    for (const kind of KINDS) {
      const theirs = included[kind];
      if (!isDict(theirs)) continue;
      const current = out[kind];
      const mine: Dict = isDict(current) ? { ...current } : {};
      for (const [name, value] of Object.entries(theirs)) {
        if (name in mine && JSON.stringify(mine[name]) !== JSON.stringify(value)) {
          throw new SlipwayError('compose_include', `${source.where([kind, name])}: ${kind}.${name} conflicts with the one in included file ${path.relative(ctx.cwd, entry.paths[0] ?? '') || entry.paths[0]}`, 'Rename one of them.');
        }
        mine[name] = value;
      }
      out[kind] = mine;
    }
  });
  return out;
}
