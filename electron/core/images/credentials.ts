import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { errorMessage, SlipwayError } from '../../../shared/errors';
import { authKey, convertToHostname } from './image-names';

type Env = Record<string, string | undefined>;

/**
 * Credentials for one registry, in the shape the engine's X-Registry-Auth header takes.
 * They are held in memory for one request and never printed, logged or written by us.
 */
export interface RegistryAuth {
  serveraddress: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

// config.json read leniently, as the CLI does: a field of the wrong type reads as absent.
const optionalText = z.string().optional().catch(undefined);

const AuthEntry = z.object({ auth: optionalText, username: optionalText, password: optionalText, identitytoken: optionalText }).catch({});
type AuthEntry = z.infer<typeof AuthEntry>;

const DockerClientConfig = z
  .object({
    auths: z.record(z.string(), AuthEntry).optional().catch(undefined),
    credsStore: optionalText,
    credHelpers: z.record(z.string(), z.string()).optional().catch(undefined),
  })
  .catch({});
type DockerClientConfig = z.infer<typeof DockerClientConfig>;

/** What a credential helper prints for `get`. */
const HelperAnswer = z.object({ Username: optionalText, Secret: optionalText }).catch({});

/** $DOCKER_CONFIG/config.json, or ~/.docker/config.json. */
function dockerConfigFile(env: Env): string {
  const dir = env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

async function readClientConfig(env: Env): Promise<{ file: string; config: DockerClientConfig }> {
  const file = dockerConfigFile(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { file, config: {} };
  }
  try {
    return { file, config: DockerClientConfig.parse(JSON.parse(text)) };
  } catch (error) {
    throw new SlipwayError('docker_config_invalid', `Cannot read the Docker CLI configuration ${file}: ${errorMessage(error)}`, 'Fix the JSON in that file, or point DOCKER_CONFIG at another folder.');
  }
}

/**
 * Resolves credentials for a registry as the Docker CLI does: a `credHelpers` entry for
 * the registry, else `credsStore`, each through `docker-credential-<name> get` with the
 * server address on stdin; else the `auths` entry (base64 `user:password` or fields).
 * Undefined when none are stored: the push goes anonymous and the registry decides.
 */
export async function resolveCredentials(registry: string, env: Env): Promise<RegistryAuth | undefined> {
  const { file, config } = await readClientConfig(env);
  const key = authKey(registry);
  const helper = config.credHelpers?.[registry] ?? config.credHelpers?.[key] ?? config.credsStore;
  if (helper) return fromHelper(helper, key, env, file);
  const auths = config.auths ?? {};
  const entry = auths[key] ?? Object.entries(auths).find(([name]) => convertToHostname(name) === convertToHostname(key))?.[1];
  return entry ? fromAuthEntry(entry, key, file) : undefined;
}

function fromAuthEntry(entry: AuthEntry, serveraddress: string, file: string): RegistryAuth | undefined {
  if (entry.identitytoken) return { serveraddress, identitytoken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new SlipwayError('docker_config_invalid', `The stored login for ${serveraddress} in ${file} is not base64 of user:password`, `Run docker login ${serveraddress} again.`);
    }
    return { serveraddress, username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { serveraddress, username: entry.username, password: entry.password };
  return undefined;
}

async function fromHelper(helper: string, serveraddress: string, env: Env, file: string): Promise<RegistryAuth | undefined> {
  if (!/^[A-Za-z0-9_.-]+$/.test(helper)) {
    throw new SlipwayError('docker_config_invalid', `The credential helper name "${helper}" in ${file} is not valid`, 'Fix credsStore/credHelpers in that file.');
  }
  const program = `docker-credential-${helper}`;
  const { code, stdout, missing } = await runHelper(program, serveraddress, env);
  if (missing) {
    throw new SlipwayError('credential_helper_missing', `${program} (named in ${file}) is not on PATH`, `Install it, or remove it from credsStore/credHelpers and run docker login ${serveraddress}.`);
  }
  if (code !== 0) {
    // "credentials not found in native keychain": nothing stored, go anonymous.
    if (/not found/i.test(stdout)) return undefined;
    throw new SlipwayError('credential_helper_failed', `${program} get failed for ${serveraddress} (exit ${code})`, `Run docker login ${serveraddress}, or check the helper.`);
  }
  let parsed: z.infer<typeof HelperAnswer>;
  try {
    parsed = HelperAnswer.parse(JSON.parse(stdout));
  } catch {
    throw new SlipwayError('credential_helper_failed', `${program} get answered something that is not JSON for ${serveraddress}`, 'Check the helper; it must print {"Username": …, "Secret": …}.');
  }
  const username = parsed.Username ?? '';
  const secret = parsed.Secret ?? '';
  if (secret === '') return undefined;
  if (username === '<token>') return { serveraddress, identitytoken: secret };
  return { serveraddress, username, password: secret };
}

function runHelper(program: string, input: string, env: Env): Promise<{ code: number; stdout: string; missing: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'ignore'], timeout: 60_000 });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < 1024 * 1024) stdout += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: -1, stdout: '', missing: error.code === 'ENOENT' }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, missing: false }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
