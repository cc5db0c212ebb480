import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ComposeModel, Project, ProjectOptions } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import { canonicalService } from './canonical';
import { discoverFiles, resolveGivenFiles, splitComposeFileVar } from './discover';
import { displayPath, loadDotEnv, projectEnvironment, type Env } from './environment';
import { finalizeService, finalizeTopLevel, sortKeys } from './finalize';
import { interpolateSource } from './interpolate';
import { mergeModels } from './merge';
import { applyProfiles, activeProfiles } from './profiles';
import { chooseProjectName } from './project-name';
import type { Lookup } from './template';
import type { Dict } from './types';
import { isDict } from './types';
import { parseComposeYaml } from './yaml-source';

/**
 * Discovery, .env, interpolation, merge, extends/include, profiles, normalisation and
 * validation: a compose project as the Compose spec defines it, as one Project.
 */
export async function loadProject(options: ProjectOptions = {}): Promise<Project> {
  return loadProjectSync(options);
}

export function loadProjectSync(options: ProjectOptions = {}): Project {
  const processEnv: Env = options.env ?? process.env;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const warnings: string[] = [];
  const explicitDir = options.projectDirectory !== undefined ? path.resolve(cwd, options.projectDirectory) : undefined;
  const envFilesGiven = (options.envFiles ?? []).map((f) => path.resolve(cwd, f));

  // 1. The env files that may name COMPOSE_FILE, COMPOSE_PROJECT_NAME, COMPOSE_PROFILES.
  const firstGiven = options.files?.[0];
  let envDir = explicitDir ?? (firstGiven !== undefined ? path.dirname(path.resolve(cwd, firstGiven)) : cwd);
  let dotenv = loadDotEnv(envFilesGiven.length > 0 ? envFilesGiven : [path.join(envDir, '.env')], processEnv, envFilesGiven.length > 0);
  let env = projectEnvironment(dotenv, processEnv);

  // 2. The compose files.
  let files: string[];
  if (options.files && options.files.length > 0) files = resolveGivenFiles(options.files, cwd);
  else if (env.COMPOSE_FILE) files = resolveGivenFiles(splitComposeFileVar(env.COMPOSE_FILE, env.COMPOSE_PATH_SEPARATOR), explicitDir ?? cwd);
  else files = discoverFiles(explicitDir ?? cwd);
  const firstFile = files[0] as string;
  const workingDir = explicitDir ?? path.dirname(firstFile);
  if (envFilesGiven.length === 0 && workingDir !== envDir) {
    envDir = workingDir;
    dotenv = loadDotEnv([path.join(envDir, '.env')], processEnv, false);
    env = projectEnvironment(dotenv, processEnv);
  }
  const lookup: Lookup = (name) => env[name];

  // 3. Each file: parse, interpolate, long forms; then merge in order.
  let merged: Dict = {};
  for (const file of files) {
    const model = loadComposeFile(file, { cwd, base: workingDir, lookup, warnings });
    merged = mergeModels(merged, model);
  }

  // 4. Name, profiles, the finishing defaults.
  const name = chooseProjectName({
    flag: options.projectName,
    env: env.COMPOSE_PROJECT_NAME,
    fromFile: typeof merged.name === 'string' ? merged.name : undefined,
    folder: path.basename(workingDir),
  }).name;
  const profiles = activeProfiles(options.profiles, env.COMPOSE_PROFILES);
  const services = isDict(merged.services) ? merged.services : {};
  const { enabled, disabled } = applyProfiles(services, profiles);
  const finalServices: Dict = {};
  for (const [serviceName, service] of Object.entries(enabled)) {
    finalServices[serviceName] = finalizeService(service, serviceName, lookup);
  }
  const model: Dict = { ...merged, name, services: finalServices };
  finalizeTopLevel(model, name);
  for (const line of startIntervalWarnings(finalServices)) warnings.push(line);

  return {
    name,
    workingDir,
    configFiles: files,
    profiles,
    model: sortKeys(model) as ComposeModel,
    disabledServices: disabled,
    warnings,
  };
}

interface FileContext {
  cwd: string;
  /** Folder relative paths are resolved against. */
  base: string;
  lookup: Lookup;
  warnings: string[];
}

/** One compose file, interpolated and in long forms (paths resolved against ctx.base). */
export function loadComposeFile(file: string, ctx: FileContext): Dict {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SlipwayError('compose_not_found', `cannot read compose file ${file}: ${(error as Error).message}`);
  }
  const source = parseComposeYaml(text, file, displayPath(file, ctx.cwd));
  const data = interpolateSource(source, ctx.lookup, ctx.warnings);
  const services = data.services;
  if (services !== undefined && services !== null && !isDict(services)) {
    throw new SlipwayError('compose_invalid', `${source.where(['services'])}: services must be a mapping`);
  }
  const out: Dict = { ...data };
  if (isDict(services)) {
    const canonical: Dict = {};
    for (const [serviceName, service] of Object.entries(services)) {
      canonical[serviceName] = canonicalService(isDict(service) ? service : {}, ctx.base, source, serviceName);
    }
    out.services = canonical;
  }
  return out;
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
