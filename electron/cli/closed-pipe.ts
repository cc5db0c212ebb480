import type { EventEmitter } from 'node:events';

/** The exit status of a command killed by SIGPIPE (128 + 13), as a Go CLI such as docker's ends. */
export const CLOSED_PIPE_EXIT = 141;

/**
 * `slipway logs | head -3`: once the reader has gone, writing to stdout fails with EPIPE.
 * The docker CLI dies of SIGPIPE there, silently; so does slipway (no "unexpected error").
 * Other stream errors are left to the caller's handlers.
 */
export function endQuietlyOnClosedPipe(stdout: EventEmitter, exit: (code: number) => void): void {
  stdout.on('error', (error: unknown) => {
    if (typeof error === 'object' && error !== null && Reflect.get(error, 'code') === 'EPIPE') exit(CLOSED_PIPE_EXIT);
    else throw error;
  });
}
