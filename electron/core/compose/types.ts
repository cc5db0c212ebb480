/** Plain data as it comes out of YAML, before it is typed as the Project model. */
export type Dict = Record<string, unknown>;

/** A path to a value inside a compose file: keys and list indexes. */
export type KeyPath = (string | number)[];

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** YAML 1.1 booleans as Compose reads them from text ("yes", "off", "1"…); undefined otherwise. */
export function booleanFromText(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  if (['true', 'yes', 'y', 'on', '1'].includes(s)) return true;
  if (['false', 'no', 'n', 'off', '0'].includes(s)) return false;
  return undefined;
}

/** An `x-*` extension key, which the compose schema lets through anywhere. */
export function isExtensionKey(key: string): key is `x-${string}` {
  return key.startsWith('x-');
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
