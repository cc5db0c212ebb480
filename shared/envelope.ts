import type { ErrorInfo } from './errors';

/** Every answer across a bridge: never a bare exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(error: ErrorInfo): Envelope<never> {
  return { ok: false, error };
}

/** Is this (from JSON, from another process) an envelope? Checks the frame, not the value. */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string';
}
