import { engineUnreachableError } from '../../../shared/engine-unreachable';
import { errorMessage, isSlipwayError } from '../../../shared/errors';
import { errnoCode, failedSyscall } from '../thrown';
import type { ResolvedHost } from './resolve-host';

/** Socket errors that mean the engine's address does not answer. */
const NETWORK = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);
/** Errors that mean it only when they come from connecting (a missing or forbidden socket file). */
const ON_CONNECT = new Set(['ENOENT', 'EACCES']);

/**
 * A request that could not reach the engine becomes one line saying where the engine was
 * looked for and what to do; any other error is returned as it is. Every call and task of
 * the core answers through this, so every shell says it alike.
 */
export function explainUnreachable(error: unknown, host: Pick<ResolvedHost, 'url' | 'source'> | undefined): unknown {
  if (host === undefined || isSlipwayError(error)) return error;
  const code = errnoCode(error);
  if (code === undefined) return error;
  const connecting = failedSyscall(error) === 'connect';
  if (!NETWORK.has(code) && !(ON_CONNECT.has(code) && connecting)) return error;
  return engineUnreachableError(host.url, host.source, errorMessage(error));
}
