import type { z } from 'zod';

/** One call of the contract: what goes in, what comes out, validated at every bridge. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** True for long work that returns a task id and reports through task events. */
  task?: boolean;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(def: CallDef<I, O>): CallDef<I, O> {
  return def;
}

export type CallDefs = Record<string, CallDef>;
export type EventDefs = Record<string, z.ZodType>;
