import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './context';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** One `slipway` subcommand, in a file of its own under commands/. */
export interface Command {
  name: string;
  summary: string;
  /** e.g. "slipway up [SERVICE...] [-d] [--wait]" */
  usage: string;
  options: OptionsConfig;
  /** Stop reading flags at the first positional (for `exec SERVICE CMD...`). */
  stopAtPositional?: number;
  run(ctx: CliContext, args: ParsedArgs): Promise<number>;
}
