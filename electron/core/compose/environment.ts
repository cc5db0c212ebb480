import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SlipwayError } from '../../../shared/errors';
import { EnvFileError, parseEnvText } from './env-file';
import type { Lookup } from './template';

export type Env = Record<string, string | undefined>;

/** Reads `.env`-style files in order; later files win, the process environment wins over all. */
export function loadDotEnv(files: string[], processEnv: Env, requireAll: boolean, cwd = process.cwd()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of files) {
    if (!existsSync(file)) {
      if (requireAll) throw new SlipwayError('compose_env_file', `env file not found: ${displayPath(file, cwd)}`, 'Check the --env-file path.');
      continue;
    }
    const lookup: Lookup = (name) => processEnv[name] ?? out[name];
    try {
      Object.assign(out, parseEnvText(readFileSync(file, 'utf8'), lookup));
    } catch (error) {
      if (error instanceof EnvFileError) {
        throw new SlipwayError('compose_env_file', `${displayPath(file, cwd)}:${error.line}: ${error.message}`, 'Fix that line of the env file.');
      }
      throw error;
    }
  }
  return out;
}

/** The environment interpolation sees: the env files, overridden by the process environment. */
export function projectEnvironment(dotenv: Record<string, string>, processEnv: Env): Record<string, string> {
  const out: Record<string, string> = { ...dotenv };
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) out[key] = value;
  return out;
}

/** A path as messages show it: relative to `cwd` when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
