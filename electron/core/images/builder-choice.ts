import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { SlipwayError } from '../../../shared/errors';

export type Builder = 'buildkit' | 'classic';

export interface BuilderChoice {
  builder: Builder;
  /** Why the classic builder, in words (absent for BuildKit). */
  reason?: string;
}

/** Go's strconv.ParseBool, as the docker CLI reads DOCKER_BUILDKIT. */
function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/**
 * BuildKit unless the user opts out (DOCKER_BUILDKIT=0, as docker honours it) or the engine
 * says it has none (`Builder-Version: 1` in /_ping, or a Windows engine), as the docker
 * CLI decides since 23.0.
 */
export async function chooseBuilder(docker: Docker, env: Record<string, string | undefined>): Promise<BuilderChoice> {
  const setting = env.DOCKER_BUILDKIT;
  if (setting !== undefined && setting !== '') {
    const enabled = parseBool(setting);
    if (enabled === undefined) {
      throw new SlipwayError('docker_buildkit_invalid', `DOCKER_BUILDKIT=${setting} is not a boolean`, 'Set DOCKER_BUILDKIT to 1 or 0, or unset it.');
    }
    if (!enabled) return { builder: 'classic', reason: 'DOCKER_BUILDKIT=0' };
  }
  let headers = pinged.get(docker);
  if (headers === undefined) {
    headers = pingHeaders(docker);
    pinged.set(docker, headers);
    // An engine that did not answer is asked again next time.
    headers.catch(() => pinged.delete(docker));
  }
  return builderFromPing(await headers.catch(() => ({})));
}

/** What each engine client's /_ping said, asked once: an engine does not change its builder while connected. */
const pinged = new WeakMap<Docker, Promise<Record<string, string | string[] | undefined>>>();

/** The decision from /_ping's headers alone (pure). */
export function builderFromPing(headers: Record<string, string | string[] | undefined>): BuilderChoice {
  if (headers['builder-version'] === '1') return { builder: 'classic', reason: 'the engine has no BuildKit (Builder-Version: 1)' };
  if (headers.ostype === 'windows') return { builder: 'classic', reason: 'a Windows engine has no BuildKit' };
  return { builder: 'buildkit' };
}

function pingHeaders(docker: Docker): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ method: 'GET', path: '/_ping', isStream: true, statusCodes: { 200: true, 500: 'server error' } }, (error, response) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      if (!isResponse(response)) return reject(new Error('no answer to /_ping'));
      response.resume();
      resolve(response.headers);
    });
  });
}

function isResponse(value: unknown): value is IncomingMessage {
  return typeof value === 'object' && value !== null && 'headers' in value && 'resume' in value;
}
