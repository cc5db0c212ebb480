import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { errorMessage, SlipwayError } from '../../../shared/errors';
import { engineReason } from '../thrown';
import type { RegistryAuth } from './credentials';
import { jsonLines } from './json-lines';
import { PullProgressParser, type PullEvent } from './pull-progress';
import { isAuthError } from './push-progress';
import { readable } from './readable';

export interface PullRequest {
  /** The service the image is pulled for (named in errors). */
  service: string;
  /** The image as the file writes it. */
  image: string;
  registry: string;
  auth: RegistryAuth | undefined;
  /** The service has a `build:` section (the refusal says it can be built instead). */
  buildable: boolean;
  signal?: AbortSignal;
  onEvent(event: PullEvent): void;
}

/**
 * Pulls one image with the user's login (X-Registry-Auth, never printed), its layers' progress
 * through onEvent. A refusal names the registry and `docker login`; an unknown image says it
 * does not exist and whether the service could be built instead.
 */
export async function pullImage(docker: Docker, request: PullRequest): Promise<{ upToDate: boolean }> {
  const options: Record<string, unknown> = { authconfig: request.auth ?? { serveraddress: request.registry } };
  if (request.signal) options.abortSignal = request.signal;
  const parser = new PullProgressParser();
  let response: Readable;
  try {
    response = readable(await docker.pull(request.image, options));
  } catch (error) {
    throw pullError(request, engineReason(error));
  }
  const onAbort = () => response.destroy(new Error('cancelled'));
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const message of jsonLines(response)) {
      for (const event of parser.feed(message)) request.onEvent(event);
    }
  } catch (error) {
    throw pullError(request, errorMessage(error));
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
  }
  if (parser.error !== undefined) throw pullError(request, parser.error);
  return { upToDate: parser.upToDate };
}

const NOT_FOUND = /manifest unknown|not found|does not exist|no such image/i;

function pullError(request: PullRequest, message: string): SlipwayError {
  const { service, image, registry, buildable } = request;
  if (request.signal?.aborted) return new SlipwayError('cancelled', `service ${service}: pull of ${image} cancelled`);
  const login = registry === 'docker.io' ? 'docker login' : `docker login ${registry}`;
  const instead = buildable ? ` ${service} has a build: section: slipway build ${service} builds it instead.` : '';
  // Docker Hub answers "denied" both for a private image and one that does not exist; a file
  // system's "permission denied" on the engine's side is no login matter.
  if (isAuthError(message) && !/permission denied/i.test(message)) {
    const unknown = /repository does not exist/i.test(message) ? ' (or it does not exist)' : '';
    return new SlipwayError('pull_denied', `service ${service}: ${registry} refused the pull of ${image}${unknown} — run ${login}`, `Log in with ${login}; Slipway uses the login the Docker CLI stored.${instead}`);
  }
  if (NOT_FOUND.test(message)) {
    const hint = buildable ? `It can be built instead: slipway build ${service} (or slipway up builds it when it is missing).` : `Check the image name and tag; ${service} has no build: section to build it from.`;
    return new SlipwayError('image_not_found', `service ${service}: image ${image} does not exist in ${registry}`, hint);
  }
  return new SlipwayError('pull_failed', `service ${service}: pull of ${image} failed: ${message.trim()}`, `Check that ${registry} is reachable.${instead}`);
}
