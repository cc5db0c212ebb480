import { SlipwayError } from './errors';

/** The one wording of "the Docker engine does not answer": where, from which setting, why, and what to do. */
export function engineUnreachableError(url: string, source: string, reason: string): SlipwayError {
  return new SlipwayError('engine_unreachable', `Cannot reach the Docker engine at ${url} (from ${source}): ${reason}`, 'Start Docker, or point DOCKER_HOST or --host at a running engine.');
}
