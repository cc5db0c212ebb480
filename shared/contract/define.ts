import { z } from 'zod';
import { TaskStarted } from './common';

/** One call of the contract: what goes in, what comes out, validated at every bridge. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** True for long work that returns a task id and reports through task events. */
  task?: boolean;
  /** A task's result, as its task.done carries it (checked by the core's task runner). */
  result?: z.ZodType;
}

/** A task call: answers with its id at once; progress and the result come as task events. */
export interface TaskDef<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> extends CallDef<I, typeof TaskStarted> {
  task: true;
  result: R;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(def: { input: I; output: O }): CallDef<I, O> {
  return def;
}

/** Declares long work: `client.runTask(name, input)` resolves with `result`. */
export function defineTask<I extends z.ZodType, R extends z.ZodType>(def: { input: I; result: R }): TaskDef<I, R> {
  return { input: def.input, output: TaskStarted, task: true, result: def.result };
}

export type CallDefs = Record<string, CallDef>;
export type EventDefs = Record<string, z.ZodType>;
