import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { errorMessage, SlipwayError } from '../../../shared/errors';
import type { RegistryAuth } from './credentials';
import { jsonLines } from './json-lines';
import { readable } from './readable';
import { isAuthError, PushProgressParser, type PushEvent } from './push-progress';
import { engineMessage } from '../thrown';

export interface PushRequest {
  service: string;
  registry: string;
  /** Name without tag, e.g. 127.0.0.1:5000/team/app. */
  repository: string;
  tag: string;
  auth: RegistryAuth | undefined;
  signal?: AbortSignal;
  onEvent(event: PushEvent): void;
}

function authRequired(registry: string): SlipwayError {
  return new SlipwayError('auth_required', `authentication required for ${registry} — run docker login ${registry}`);
}

/** Pushes one tag; resolves with the digest the registry stored it under. */
export async function pushTag(docker: Docker, request: PushRequest): Promise<string | undefined> {
  const { service, registry, repository, tag } = request;
  const options: Record<string, unknown> = { tag };
  // The engine wants some X-Registry-Auth header even for anonymous pushes.
  options.authconfig = request.auth ?? { serveraddress: registry };
  if (request.signal) options.abortSignal = request.signal;
  const parser = new PushProgressParser();
  let response: Readable;
  try {
    response = readable(await docker.getImage(repository).push(options));
  } catch (error) {
    throw pushError(service, registry, `${repository}:${tag}`, pushFailureMessage(error), request.signal);
  }
  const onAbort = () => response.destroy(new Error('cancelled'));
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const message of jsonLines(response)) {
      for (const event of parser.feed(message)) request.onEvent(event);
    }
  } catch (error) {
    throw pushError(service, registry, `${repository}:${tag}`, pushFailureMessage(error), request.signal);
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
  }
  if (parser.error !== undefined) throw pushError(service, registry, `${repository}:${tag}`, parser.error, request.signal);
  return parser.digest;
}

/** How the engine words a registry that went away or cannot be reached (after its own retries). */
const REGISTRY_GONE = /\b(EOF|connection refused|connection reset|broken pipe|i\/o timeout|no such host|server misbehaving)\b/i;

function pushFailureMessage(error: unknown): string {
  return engineMessage(error) ?? errorMessage(error);
}

function pushError(service: string, registry: string, ref: string, message: string, signal: AbortSignal | undefined): SlipwayError {
  if (signal?.aborted) return new SlipwayError('cancelled', `service ${service}: push cancelled`);
  if (isAuthError(message)) return authRequired(registry);
  if (/no such image|does not exist locally|An image does not exist/i.test(message)) {
    return new SlipwayError('image_missing', `service ${service}: there is no local image ${ref} to push`, 'Build it first: slipway build.');
  }
  if (REGISTRY_GONE.test(message)) {
    return new SlipwayError('registry_unreachable', `service ${service}: push of ${ref} failed: the registry ${registry} stopped answering (${message.trim()})`, `Check that ${registry} is running and reachable, then push again.`);
  }
  return new SlipwayError('push_failed', `service ${service}: push of ${ref} failed: ${message.trim()}`, `Check that ${registry} is reachable and accepts pushes.`);
}
