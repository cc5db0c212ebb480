import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { errorMessage, SlipwayError } from '../../../shared/errors';
import { compareText } from '../../../shared/compare-text';

type Env = Record<string, string | undefined>;

/** One docker context as the CLI stores it under contexts/meta/<sha256(name)>/meta.json. */
export interface DockerContext {
  name: string;
  description?: string;
  /** The docker endpoint's Host (unix://, tcp://, ssh://, npipe://). */
  host?: string;
  skipTlsVerify: boolean;
  /** TLS files found under contexts/tls/<sha256(name)>/docker/. */
  tls?: { ca?: string; cert?: string; key?: string };
  metaFile: string;
}

/** $DOCKER_CONFIG, or ~/.docker. */
export function dockerConfigDir(env: Env): string {
  if (env.DOCKER_CONFIG) return env.DOCKER_CONFIG;
  return path.join(env.HOME || os.homedir(), '.docker');
}

/** The directory name the CLI uses for a context: the hex sha256 of its name. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** `currentContext` from config.json (undefined when absent or unreadable). */
export function currentContextName(env: Env): string | undefined {
  const file = path.join(dockerConfigDir(env), 'config.json');
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SlipwayError(
      'docker_config_invalid',
      `Cannot read the Docker CLI configuration ${file}: ${errorMessage(error)}`,
      'Fix the JSON in that file, or point DOCKER_CONFIG at another directory.',
    );
  }
  const name = ConfigJson.parse(parsed).currentContext;
  return name !== undefined && name !== '' ? name : undefined;
}

/** Reads one context; throws a SlipwayError that names it when it does not exist. */
export function readContext(env: Env, name: string): DockerContext {
  const base = path.join(dockerConfigDir(env), 'contexts');
  const metaFile = path.join(base, 'meta', contextDirName(name), 'meta.json');
  if (!existsSync(metaFile)) {
    throw new SlipwayError(
      'docker_context_not_found',
      `Docker context "${name}" does not exist (no ${metaFile})`,
      'List contexts with `slipway hosts` (or `docker context ls`), then set DOCKER_CONTEXT or `docker context use NAME`.',
    );
  }
  return parseContextMeta(metaFile, base, name);
}

/** Every context under $DOCKER_CONFIG/contexts/meta (unreadable ones are skipped). */
export function listContexts(env: Env): DockerContext[] {
  const base = path.join(dockerConfigDir(env), 'contexts');
  const metaDir = path.join(base, 'meta');
  if (!existsSync(metaDir)) return [];
  const result: DockerContext[] = [];
  for (const entry of readdirSync(metaDir)) {
    const metaFile = path.join(metaDir, entry, 'meta.json');
    if (!existsSync(metaFile)) continue;
    try {
      result.push(parseContextMeta(metaFile, base));
    } catch {
      // a broken context does not hide the others
    }
  }
  return result.sort((a, b) => compareText(a.name, b.name));
}

// What the CLI's files hold, read leniently: a field of the wrong type reads as absent.
const optionalText = z.string().optional().catch(undefined);

/** config.json: only the field this module reads. */
const ConfigJson = z.object({ currentContext: optionalText }).catch({});

/** A context's meta.json. */
const MetaJson = z
  .object({
    Name: optionalText,
    Metadata: z.object({ Description: optionalText }).optional().catch(undefined),
    Endpoints: z.object({ docker: z.object({ Host: optionalText, SkipTLSVerify: z.boolean().optional().catch(undefined) }).optional().catch(undefined) }).optional().catch(undefined),
  })
  .catch({});
type MetaJson = z.infer<typeof MetaJson>;

function parseContextMeta(metaFile: string, base: string, expectedName?: string): DockerContext {
  let meta: MetaJson;
  try {
    meta = MetaJson.parse(JSON.parse(readFileSync(metaFile, 'utf8')));
  } catch (error) {
    throw new SlipwayError(
      'docker_context_invalid',
      `Docker context ${expectedName ? `"${expectedName}" ` : ''}is unreadable: ${metaFile}: ${errorMessage(error)}`,
      'Recreate it with `docker context rm NAME` and `docker context create NAME --docker host=...`.',
    );
  }
  const name = meta.Name ?? expectedName ?? path.basename(path.dirname(metaFile));
  const endpoint = meta.Endpoints?.docker;
  const context: DockerContext = {
    name,
    skipTlsVerify: endpoint?.SkipTLSVerify === true,
    metaFile,
  };
  if (meta.Metadata?.Description) context.description = meta.Metadata.Description;
  if (endpoint?.Host) context.host = endpoint.Host;
  const tlsDir = path.join(base, 'tls', contextDirName(name), 'docker');
  const tls: NonNullable<DockerContext['tls']> = {};
  for (const key of ['ca', 'cert', 'key'] as const) {
    const file = path.join(tlsDir, `${key}.pem`);
    if (existsSync(file)) tls[key] = file;
  }
  if (Object.keys(tls).length > 0) context.tls = tls;
  return context;
}
