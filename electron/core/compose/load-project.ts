import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ComposeModel, Project, ProjectOptions, ServiceConfig } from '../../../shared/model/project';
import { canonicalTopLevel } from './canonical';
import { readComposeFile, type LoadContext } from './compose-file';
import { checkConsistency } from './consistency';
import { applyDirectives, type MergeDirective } from './directives';
import { ExtendsResolver } from './extends';
import { applyIncludes, type LoadFiles } from './include';
import { discoverFiles, resolveGivenFiles, splitComposeFileVar } from './discover';
import { displayPath, loadDotEnv, projectEnvironment, type Env } from './environment';
import { dependencyEdges, findDependencyCycle } from './graph';
import { SlipwayError } from '../../../shared/errors';
import { finalizeService, finalizeTopLevel, pruneUnusedResources, sortKeys } from './finalize';
import { mergeModels } from './merge';
import { applyProfiles, activeProfiles, withServicesEnabled } from './profiles';
import { chooseProjectName, normalizeProjectName } from './project-name';
import { substitute, type Lookup } from './template';
import type { Dict } from './types';
import { isDict } from './types';
import { parseComposeYaml, type ComposeSource } from './yaml-source';

/**
 * Discovery, .env, interpolation, merge, extends/include, profiles, normalisation and
 * validation: a compose project as the Compose spec defines it, as one Project.
 */
export async function loadProject(options: ProjectOptions = {}): Promise<Project> {
  const processEnv: Env = options.env ?? process.env;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const warnings: string[] = [];
  const explicitDir = options.projectDirectory !== undefined ? path.resolve(cwd, options.projectDirectory) : undefined;
  const envFilesGiven = (options.envFiles ?? []).map((f) => path.resolve(cwd, f));

  // 1. The env files that may name COMPOSE_FILE, COMPOSE_PROJECT_NAME, COMPOSE_PROFILES.
  const firstGiven = options.files?.[0];
  let envDir = explicitDir ?? (firstGiven !== undefined ? path.dirname(path.resolve(cwd, firstGiven)) : cwd);
  let dotenv = loadDotEnv(envFilesGiven.length > 0 ? envFilesGiven : [path.join(envDir, '.env')], processEnv, envFilesGiven.length > 0, cwd);
  let env = projectEnvironment(dotenv, processEnv);
  const sourceFiles = new Set<string>(envFilesGiven.length > 0 ? envFilesGiven : [path.join(envDir, '.env')]);

  // 2. The compose files.
  let files: string[];
  if (options.files && options.files.length > 0) files = resolveGivenFiles(options.files, cwd, cwd);
  else if (env.COMPOSE_FILE) files = resolveGivenFiles(splitComposeFileVar(env.COMPOSE_FILE, env.COMPOSE_PATH_SEPARATOR), explicitDir ?? cwd, cwd);
  else files = discoverFiles(explicitDir ?? cwd);
  const firstFile = files[0] as string;
  const workingDir = explicitDir ?? path.dirname(firstFile);
  if (envFilesGiven.length === 0 && workingDir !== envDir) {
    // As compose-go's second WithDotEnv: the project directory's .env adds what the first did not set.
    envDir = workingDir;
    sourceFiles.add(path.join(envDir, '.env'));
    dotenv = { ...loadDotEnv([path.join(envDir, '.env')], { ...dotenv, ...processEnv }, false, cwd), ...dotenv };
    env = projectEnvironment(dotenv, processEnv);
  }
  // As compose-go: the file sees COMPOSE_PROJECT_NAME as the project's name, however it was chosen.
  let nameForFiles: string | undefined;
  const lookup: Lookup = (name) => {
    if (name !== 'COMPOSE_PROJECT_NAME') return env[name];
    nameForFiles ??= projectNameBeforeLoading(options.projectName, env, files, workingDir, cwd);
    return nameForFiles;
  };

  // 3. Each file: parse, interpolate, validate, long forms, extends, include; then merge in order.
  const origins = new Map<string, ComposeSource>();
  const meta: LoadContext['meta'] = {};
  const merged = loadFiles(files, workingDir, { cwd, lookup, warnings, origins, meta, sourceFiles }, []);

  // 4. Name, profiles, the finishing defaults.
  const name = chooseProjectName({
    flag: options.projectName,
    env: env.COMPOSE_PROJECT_NAME,
    fromFile: typeof merged.name === 'string' ? merged.name : undefined,
    fromFileWhere: meta.nameSource?.where(['name']),
    folder: path.basename(workingDir),
  }).name;
  const services = isDict(merged.services) ? merged.services : {};
  const profiles = withServicesEnabled(services, activeProfiles(options.profiles, env.COMPOSE_PROFILES), options.services ?? []);
  const { enabled, disabled } = applyProfiles(services, profiles);
  const finalServices: Record<string, Dict> = {};
  for (const [serviceName, service] of Object.entries(enabled)) {
    const source = origins.get(serviceName);
    const origin = source ? { where: source.where, display: (file: string) => displayPath(file, cwd) } : undefined;
    finalServices[serviceName] = finalizeService(service, serviceName, lookup, origin);
  }
  const model: Dict = { ...merged, name, services: finalServices };
  const containerNameConflicts = checkConsistency(model, finalServices, services, origins);
  assertNoCycle(finalServices as Record<string, ServiceConfig>, origins);
  finalizeTopLevel(model, name);
  pruneUnusedResources(model);
  if ('version' in model) {
    delete model.version;
    warnings.push('the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion');
  }
  for (const line of startIntervalWarnings(finalServices)) warnings.push(line);

  return {
    name,
    workingDir,
    configFiles: files,
    sourceFiles: [...sourceFiles, ...modelFiles(model)].filter((file, index, all) => all.indexOf(file) === index),
    profiles,
    model: sortKeys(model) as ComposeModel,
    disabledServices: disabled,
    warnings,
    ...(containerNameConflicts.length > 0 ? { containerNameConflicts } : {}),
    ...fileObjectValues(model, env),
  };
}

/** Several compose files merged in order, each with its extends and includes applied. */
export const loadFiles: LoadFiles = (files, base, ctx, stack) => {
  let merged: Dict = {};
  for (const file of files) {
    const { model, directives } = loadModelFile(file, base, ctx, [...stack, file]);
    merged = mergeModels(applyDirectives(merged, directives), model);
  }
  return merged;
};

/** One compose file: checked, long forms, extends resolved, includes added. */
function loadModelFile(file: string, base: string, ctx: LoadContext, stack: string[]): { model: Dict; directives: MergeDirective[] } {
  const checked = readComposeFile(file, ctx);
  if (stack.length === 1 && typeof checked.data.name === 'string') ctx.meta.nameSource = checked.source;
  const resolver = new ExtendsResolver(ctx);
  const services = resolver.register(file, checked, base);
  const resolved: Dict = {};
  for (const name of Object.keys(services)) {
    resolved[name] = resolver.resolve(file, name);
    ctx.origins.set(name, checked.source);
  }
  let model: Dict = canonicalTopLevel({ ...checked.data }, base);
  if (isDict(checked.data.services)) model.services = resolved;
  if (model.include !== undefined) model = applyIncludes(model, file, checked.source, ctx, stack, loadFiles);
  return { model, directives: checked.source.directives };
}

function startIntervalWarnings(services: Dict): string[] {
  const out: string[] = [];
  for (const [serviceName, service] of Object.entries(services)) {
    if (isDict(service) && isDict(service.healthcheck) && service.healthcheck.start_interval !== undefined) {
      out.push(`services.${serviceName}.healthcheck.start_interval is ignored by Docker Engine versions before 25`);
    }
  }
  return out;
}

/** A dependency cycle is an error that names it, at the place the first edge is written. */
function assertNoCycle(services: Record<string, ServiceConfig>, origins: Map<string, ComposeSource>): void {
  const cycle = findDependencyCycle(services);
  if (!cycle) return;
  const [from, to] = cycle as [string, string];
  const edge = dependencyEdges(services).find((e) => e.from === from && e.to === to);
  const key: (string | number)[] = edge?.via === 'depends_on' ? ['depends_on', to] : [edge?.via ?? 'depends_on'];
  const source = origins.get(from);
  const at = source ? `${source.where(['services', from, ...key])}: ` : '';
  throw new SlipwayError('compose_cycle', `${at}dependency cycle between services: ${cycle.join(' -> ')}`, 'Remove one of the depends_on, links, network_mode: service: or volumes_from references in that cycle.');
}

/**
 * The project name the files are interpolated with, before they are loaded: `-p`, a
 * non-empty COMPOSE_PROJECT_NAME, the last top-level `name:` of the files (itself
 * interpolated), or the folder — compose-go's withNamePrecedenceLoad and projectName().
 */
function projectNameBeforeLoading(flag: string | undefined, env: Record<string, string>, files: string[], workingDir: string, cwd: string): string {
  if (flag) return flag;
  if (env.COMPOSE_PROJECT_NAME) return env.COMPOSE_PROJECT_NAME;
  let fromFiles: string | undefined;
  for (const file of files) {
    let name: unknown;
    try {
      name = parseComposeYaml(readFileSync(file, 'utf8'), file, displayPath(file, cwd)).data.name;
    } catch {
      continue; // The full load reports a broken or missing file with its place.
    }
    if (typeof name === 'string' && name !== '') {
      fromFiles = substituteOrKeep(name, (key) => (key === 'COMPOSE_PROJECT_NAME' ? undefined : env[key]));
    }
  }
  return fromFiles || normalizeProjectName(path.basename(workingDir));
}

function substituteOrKeep(text: string, lookup: Lookup): string {
  try {
    return substitute(text, lookup).value;
  } catch {
    return text;
  }
}

/** The files the finished model names: services' env_file, secrets' and configs' file. */
function modelFiles(model: Dict): string[] {
  const out: string[] = [];
  for (const service of Object.values(isDict(model.services) ? model.services : {})) {
    const envFiles = isDict(service) && Array.isArray(service.env_file) ? service.env_file : [];
    for (const entry of envFiles) if (isDict(entry) && typeof entry.path === 'string') out.push(entry.path);
  }
  for (const kind of ['secrets', 'configs'] as const) {
    const items = model[kind];
    for (const item of Object.values(isDict(items) ? items : {})) if (isDict(item) && typeof item.file === 'string') out.push(item.file);
  }
  return out;
}

/** The values of the variables `environment:` secrets and configs name (never in the model, never printed). */
function fileObjectValues(model: Dict, env: Record<string, string>): { fileObjectValues?: Record<string, string> } {
  const values: Record<string, string> = {};
  for (const kind of ['secrets', 'configs'] as const) {
    const items = model[kind];
    if (!isDict(items)) continue;
    for (const item of Object.values(items)) {
      if (isDict(item) && typeof item.environment === 'string' && env[item.environment] !== undefined) values[item.environment] = env[item.environment] ?? '';
    }
  }
  return Object.keys(values).length > 0 ? { fileObjectValues: values } : {};
}
