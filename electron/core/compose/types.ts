/** Plain data as it comes out of YAML, before it is typed as the Project model. */
export type Dict = Record<string, unknown>;

/** A path to a value inside a compose file: keys and list indexes. */
export type KeyPath = (string | number)[];

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `services.web.ports[0]` style, as Compose names keys in its messages. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
