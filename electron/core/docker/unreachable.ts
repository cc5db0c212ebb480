import { errorMessage, isSlipwayError, SlipwayError } from '../../../shared/errors';

/** A failure to talk to the engine, in one line with what to do (a SlipwayError passes as it is). */
export function engineUnreachable(host: { url: string; source: string }, error: unknown): SlipwayError {
  if (isSlipwayError(error)) return error;
  return new SlipwayError('engine_unreachable', `Cannot reach the Docker engine at ${host.url} (from ${host.source}): ${errorMessage(error)}`, 'Start Docker, or point DOCKER_HOST or --host at a running engine.');
}
