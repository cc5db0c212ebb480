import { engineUnreachableError } from '../../../shared/engine-unreachable';
import { isSlipwayError } from '../../../shared/errors';
import { freshConnection, type DockerConnection } from './connect';
import { pingOnce } from './ping-host';

/** Errors that say already why the work ended. */
const ALREADY_SAID = new Set(['engine_unreachable', 'cancelled']);

/**
 * Long work that failed because the engine went away (a daemon stopping stops the
 * containers and cuts the build step, each failing in its own odd words) says what it is:
 * the engine is gone. The engine is asked once, on a new connection; when it answers, the
 * error stays as it was.
 */
export async function explainEngineGone(connection: DockerConnection | undefined, env: Record<string, string | undefined>, error: unknown, during: string): Promise<unknown> {
  if (!connection || (isSlipwayError(error) && ALREADY_SAID.has(error.code))) return error;
  const ping = await pingOnce(freshConnection(connection, env), 3000);
  if (ping.ok) return error;
  return engineUnreachableError(ping.host.url, ping.host.source, `it went away during ${during}`);
}
