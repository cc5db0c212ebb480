import { errorMessage } from '../../shared/errors';

/**
 * What Node and dockerode attach to the errors they throw, read without casting:
 * `code` (ENOENT, a child's exit status), `statusCode` (the engine's HTTP status) and
 * `json.message` (the engine's own words).
 */

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined;
}

/** A system error code such as "ENOENT", when there is one. */
export function errnoCode(error: unknown): string | undefined {
  const code = field(error, 'code');
  return typeof code === 'string' ? code : undefined;
}

/** A numeric `code` (a child process's exit status), when there is one. */
export function exitCode(error: unknown): number | undefined {
  const code = field(error, 'code');
  return typeof code === 'number' ? code : undefined;
}

/** The HTTP status of a failed engine request (404, 409…), when there is one. */
export function statusCode(error: unknown): number | undefined {
  const status = field(error, 'statusCode');
  return typeof status === 'number' ? status : undefined;
}

/** The engine's message from a failed request's JSON body, when there is one. */
export function engineMessage(error: unknown): string | undefined {
  const message = field(field(error, 'json'), 'message');
  return typeof message === 'string' ? message : undefined;
}

/**
 * What the engine said about a failed request, in its own words: the JSON body's message, or
 * the client's error text without its `(HTTP code 500) server error - ` prefix.
 */
export function engineReason(error: unknown): string {
  const fromEngine = engineMessage(error);
  if (fromEngine) return fromEngine;
  const reason = errorMessage(error);
  return reason.replace(/^\(HTTP code \d+\)[^-]*- /, '').trim();
}

/** The system call that failed ("connect", "open"…), when Node says. */
export function failedSyscall(error: unknown): string | undefined {
  const syscall = field(error, 'syscall');
  return typeof syscall === 'string' ? syscall : undefined;
}
