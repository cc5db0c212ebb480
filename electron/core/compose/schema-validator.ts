import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import schema from './schema/compose-spec.json';

export interface ComposeValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true } as const;

let loaded: ComposeValidator | undefined;

function cacheFile(env: Record<string, string | undefined>): string {
  const hash = createHash('sha256').update(JSON.stringify(schema)).update(JSON.stringify(OPTIONS)).digest('hex').slice(0, 16);
  const base = env.SLIPWAY_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'slipway');
  return path.join(base, `compose-validator-${hash}.cjs`);
}

function instantiate(code: string): ComposeValidator {
  const mod: { exports: unknown } = { exports: {} };
  const requireFromHere = createRequire(import.meta.url);
  new Function('require', 'module', 'exports', code)(requireFromHere, mod, mod.exports);
  const validate = mod.exports;
  if (!isValidator(validate)) throw new TypeError('the cached validator does not export a function');
  return validate;
}

function isValidator(value: unknown): value is ComposeValidator {
  return typeof value === 'function';
}

/** ajv's standalone module is CommonJS: some loaders hand over the function, others an object holding it as `default`. */
function standaloneGenerator(): typeof standaloneCode {
  const inner: unknown = Reflect.get(standaloneCode, 'default');
  return isGenerator(inner) ? inner : standaloneCode;
}

function isGenerator(value: unknown): value is typeof standaloneCode {
  return typeof value === 'function';
}

/**
 * The Compose-spec validator. Compiling the schema costs ~0.3-0.5 s of CPU, so the
 * compiled code (ajv standalone) is kept in the user's cache folder and reused on later
 * runs; when the cache cannot be read or written, it is compiled in memory.
 */
export function composeValidator(env: Record<string, string | undefined> = process.env): ComposeValidator {
  if (loaded) return loaded;
  const file = cacheFile(env);
  try {
    loaded = instantiate(readFileSync(file, 'utf8'));
    return loaded;
  } catch {
    // Not cached yet (or unreadable): compile below.
  }
  const ajv = new Ajv({ ...OPTIONS, code: { source: true } });
  const validate = ajv.compile(schema);
  try {
    const code = standaloneGenerator()(ajv, validate);
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, file);
  } catch {
    // A read-only home is fine: the in-memory validator still works.
  }
  loaded = validate;
  return loaded;
}
