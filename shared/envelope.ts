import type { ErrorInfo } from './errors';

/** Every answer across a bridge: never a bare exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(error: ErrorInfo): Envelope<never> {
  return { ok: false, error };
}
