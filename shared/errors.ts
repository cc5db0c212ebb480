/**
 * Errors that cross the contract: a stable code, a message that says what happened,
 * and a hint that says what to do next. Pure: no Node, no DOM.
 */
export interface ErrorInfo {
  code: string;
  message: string;
  hint?: string;
}

export class SlipwayError extends Error {
  readonly code: string;
  readonly hint?: string;

  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'SlipwayError';
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }

  /** The error an error envelope (or a failed task.done) describes. */
  static from(info: ErrorInfo): SlipwayError {
    return new SlipwayError(info.code, info.message, info.hint);
  }

  toInfo(): ErrorInfo {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

export function isSlipwayError(value: unknown): value is SlipwayError {
  return value instanceof SlipwayError;
}

/** Turn anything thrown into an ErrorInfo without leaking a stack trace. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (isSlipwayError(error)) return error.toInfo();
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}

/** The message of anything thrown: an Error's message, or the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Anything thrown, as an Error (a non-Error value becomes the message). */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
