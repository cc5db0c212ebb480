import { SlipwayError } from '../../../shared/errors';

/** What Compose does to a folder name: lowercase, keep [a-z0-9_-], no leading `_` or `-`. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

function isValidProjectName(name: string): boolean {
  return /^[a-z0-9][a-z0-9_-]*$/.test(name);
}

export type NameSource = '-p' | 'COMPOSE_PROJECT_NAME' | 'name:' | 'folder';

/**
 * The project name by Compose's precedence: `-p`, then COMPOSE_PROJECT_NAME, then the
 * top-level `name:`, then the project folder's name (normalised).
 */
export function chooseProjectName(input: {
  flag?: string | undefined;
  env?: string | undefined;
  fromFile?: string | undefined;
  /** `compose.yaml:1:1` of the `name:` key, for the message. */
  fromFileWhere?: string | undefined;
  folder: string;
}): { name: string; source: NameSource } {
  const candidates: [string | undefined, NameSource][] = [
    [input.flag, '-p'],
    [input.env, 'COMPOSE_PROJECT_NAME'],
    [input.fromFile, 'name:'],
  ];
  for (const [value, source] of candidates) {
    if (value === undefined || value === '') continue;
    if (!isValidProjectName(value)) {
      const at = source === 'name:' && input.fromFileWhere ? `${input.fromFileWhere}: ` : '';
      throw new SlipwayError(
        'compose_project_name',
        `${at}invalid project name ${JSON.stringify(value)} (from ${source}): it must contain only lowercase letters, digits, dashes and underscores, and start with a letter or digit`,
        `Try ${JSON.stringify(normalizeProjectName(value) || 'myproject')}.`,
      );
    }
    return { name: value, source };
  }
  const name = normalizeProjectName(input.folder);
  if (name === '') {
    throw new SlipwayError('compose_project_name', `cannot derive a project name from the folder name ${JSON.stringify(input.folder)}`, 'Set one with -p, COMPOSE_PROJECT_NAME or a top-level name: in the compose file.');
  }
  return { name, source: 'folder' };
}
