import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { SlipwayError } from '../../../shared/errors';

/** Names Compose looks for, in order of preference. */
export const DEFAULT_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDE_NAMES: Record<string, string[]> = {
  'compose.yaml': ['compose.override.yaml', 'compose.override.yml'],
  'compose.yml': ['compose.override.yml', 'compose.override.yaml'],
  'docker-compose.yml': ['docker-compose.override.yml', 'docker-compose.override.yaml'],
  'docker-compose.yaml': ['docker-compose.override.yaml', 'docker-compose.override.yml'],
};

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The compose files of a project found from `dir`: the first default name present in
 * `dir` or, failing that, in its parents; plus its override file next to it.
 */
export function discoverFiles(dir: string): string[] {
  let current = path.resolve(dir);
  for (;;) {
    for (const name of DEFAULT_FILE_NAMES) {
      const candidate = path.join(current, name);
      if (!isFile(candidate)) continue;
      const files = [candidate];
      const override = (OVERRIDE_NAMES[name] ?? []).map((o) => path.join(current, o)).find(isFile);
      if (override) files.push(override);
      return files;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  throw new SlipwayError(
    'compose_not_found',
    `no compose file found in ${dir} or its parents (looked for ${DEFAULT_FILE_NAMES.join(', ')})`,
    'Run slipway in a folder with a compose.yaml, or name the file with -f.',
  );
}

/** `-f` values or COMPOSE_FILE entries made absolute and checked to exist. */
export function resolveGivenFiles(files: string[], base: string, cwd: string = base): string[] {
  return files.map((file) => {
    if (file === '-') throw new SlipwayError('compose_stdin', 'reading a compose file from stdin (-f -) is not supported', 'Save it to a file and pass that with -f.');
    const absolute = path.resolve(base, file);
    if (!existsSync(absolute)) {
      throw new SlipwayError('compose_not_found', `compose file not found: ${shown(absolute, cwd)}`, 'Check the -f / COMPOSE_FILE path.');
    }
    if (!isFile(absolute)) throw new SlipwayError('compose_not_found', `not a file: ${shown(absolute, cwd)}`, 'Pass a compose file to -f, not a folder.');
    return absolute;
  });
}

/** COMPOSE_FILE split on COMPOSE_PATH_SEPARATOR (':' on Unix, ';' on Windows). */
export function splitComposeFileVar(value: string, separator: string | undefined): string[] {
  const sep = separator && separator !== '' ? separator : path.delimiter;
  return value.split(sep).filter((part) => part.trim() !== '');
}

function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
