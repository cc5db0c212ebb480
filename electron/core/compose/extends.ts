import path from 'node:path';
import { SlipwayError } from '../../../shared/errors';
import { canonicalServices, readComposeFile, type CheckedFile, type LoadContext } from './compose-file';
import { mergeService } from './merge';
import type { Dict } from './types';
import { isDict } from './types';

interface Frame {
  file: string;
  service: string;
}

/**
 * `extends`: a service built on another one (in the same file or in `file:`), merged
 * by the same rules as multiple compose files. Relative paths of a service taken from
 * another file stay relative to that file's folder. A chain that comes back is an error.
 */
export class ExtendsResolver {
  private readonly files = new Map<string, { checked: CheckedFile; base: string; services: Record<string, Dict> }>();

  constructor(private readonly ctx: LoadContext) {}

  /** Registers an already-read file (the one being loaded) with its base folder. */
  register(file: string, checked: CheckedFile, base: string): Record<string, Dict> {
    const services = canonicalServices(checked, base);
    this.files.set(file, { checked, base, services });
    return services;
  }

  private load(file: string, from: CheckedFile, at: string): { checked: CheckedFile; base: string; services: Record<string, Dict> } {
    const known = this.files.get(file);
    if (known) return known;
    let checked: CheckedFile;
    try {
      checked = readComposeFile(file, this.ctx);
    } catch (error) {
      if (error instanceof SlipwayError && error.code === 'compose_not_found') {
        throw new SlipwayError('compose_extends', `${from.source.where(['services', at, 'extends'])}: services.${at}.extends: file ${path.relative(this.ctx.cwd, file) || file} not found`, 'Fix the extends file path.');
      }
      throw error;
    }
    const base = path.dirname(file);
    const services = canonicalServices(checked, base);
    const entry = { checked, base, services };
    this.files.set(file, entry);
    return entry;
  }

  /** The service `name` of `file` with its extends chain applied. */
  resolve(file: string, name: string, chain: Frame[] = []): Dict {
    const entry = this.files.get(file);
    if (!entry) throw new Error(`internal: ${file} not registered`);
    const service = entry.services[name];
    if (!service) throw new Error(`internal: no service ${name}`);
    const ext = service.extends;
    if (ext === undefined || ext === null) return service;
    const spec: Dict = typeof ext === 'string' ? { service: ext } : isDict(ext) ? ext : {};
    const targetName = String(spec.service);
    const targetFile = typeof spec.file === 'string' ? path.resolve(path.dirname(file), spec.file) : file;
    const here: Frame = { file, service: name };
    const stack = [...chain, here];
    if (stack.some((f) => f.file === targetFile && f.service === targetName)) {
      const names = [...stack.map((f) => f.service), targetName].join(' -> ');
      throw new SlipwayError('compose_extends', `${entry.checked.source.where(['services', name, 'extends'])}: services.${name}.extends: circular reference ${names}`, 'Break the cycle of extends.');
    }
    const target = targetFile === file ? entry : this.load(targetFile, entry.checked, name);
    if (!target.services[targetName]) {
      const where = targetFile === file ? 'this file' : path.relative(path.dirname(file), targetFile);
      throw new SlipwayError('compose_extends', `${entry.checked.source.where(['services', name, 'extends'])}: services.${name}.extends: service ${JSON.stringify(targetName)} not found in ${where}`, 'Name a service that exists in that file.');
    }
    const parent = this.resolve(targetFile, targetName, stack);
    const own: Dict = { ...service };
    delete own.extends;
    const merged = mergeService(parent, own, name);
    delete merged.extends;
    return merged;
  }
}
