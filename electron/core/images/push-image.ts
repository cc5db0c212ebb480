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
    throw pushError(service, registry, `${repository}:${tag}`, pushFailureMessage(error), request.signal, false);
  }
  let uploading = false;
  const onAbort = () => response.destroy(new Error('cancelled'));
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const message of jsonLines(response)) {
      for (const event of parser.feed(message)) {
        if (event.kind === 'layer') uploading = true;
        request.onEvent(event);
      }
    }
  } catch (error) {
    throw pushError(service, registry, `${repository}:${tag}`, pushFailureMessage(error), request.signal, uploading);
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
  }
  if (parser.error !== undefined) throw pushError(service, registry, `${repository}:${tag}`, parser.error, request.signal, uploading);
  return parser.digest;
}

/** How the engine words a registry that went away or cannot be reached (after its own retries). */
const REGISTRY_GONE = /\b(EOF|connection refused|connection reset|broken pipe|i\/o timeout|no such host|server misbehaving)\b/i;

function pushFailureMessage(error: unknown): string {
  return engineMessage(error) ?? errorMessage(error);
}

/**
 * The push's failure, said plainly. `uploading`: some layer had started, so a registry that
 * cannot be reached went away mid-push rather than never being there.
 */
function pushError(service: string, registry: string, ref: string, message: string, signal: AbortSignal | undefined, uploading: boolean): SlipwayError {
  if (signal?.aborted) return new SlipwayError('cancelled', `service ${service}: push cancelled`);
  if (isAuthError(message)) return authRequired(registry);
  if (/no such image|does not exist locally|An image does not exist/i.test(message)) {
    return new SlipwayError('image_missing', `service ${service}: there is no local image ${ref} to push`, 'Build it first: slipway build.');
  }
  if (!uploading && /connection refused|no such host|i\/o timeout|network is unreachable/i.test(message)) {
    const local = /^(127\.0\.0\.1|localhost):\d+$/.test(registry);
    const start = local ? `Start one (for example \`docker run -d -p ${registry}:5000 registry:2\`)` : `Check that ${registry} is up and reachable from the engine`;
    return new SlipwayError('registry_unreachable', `service ${service}: nothing answers at registry ${registry}, so ${ref} cannot be pushed`, `${start}, or change the image name of ${service} to a registry you can push to.`);
  }
  if (REGISTRY_GONE.test(message)) {
    return new SlipwayError('registry_unreachable', `service ${service}: push of ${ref} failed: the registry ${registry} stopped answering (${message.trim()})`, `Check that ${registry} is running and reachable, then push again.`);
  }
  return new SlipwayError('push_failed', `service ${service}: push of ${ref} failed: ${message.trim()}`, `Check that ${registry} is reachable and accepts pushes.`);
}
