import { parseArgs } from 'node:util';
import { SlipwayError } from '../../shared/errors';
import type { Command, ParsedArgs } from './command';

/** Parses a subcommand's own flags; a user mistake becomes one clear line with the usage. */
export function parseCommandArgs(command: Command, rest: string[]): ParsedArgs {
  let head = rest;
  let tail: string[] = [];
  if (command.stopAtPositional !== undefined) {
    const cut = positionalCut(command, rest, command.stopAtPositional);
    head = rest.slice(0, cut);
    tail = rest.slice(cut);
  }
  try {
    const parsed = parseArgs({ args: head, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedArgs['values'], positionals: [...parsed.positionals, ...tail] };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
    throw new SlipwayError('usage', `${command.name}: ${message}`, `Usage: ${command.usage}`);
  }
}

/** Index after the Nth positional, skipping flags and their values. */
function positionalCut(command: Command, rest: string[], count: number): number {
  let seen = 0;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--') return i + 1;
    if (arg.startsWith('-') && arg.length > 1) {
      const name = arg.startsWith('--') ? arg.slice(2).split('=')[0] : undefined;
      const option = name !== undefined
        ? command.options[name]
        : Object.values(command.options).find((o) => o.short === arg.slice(1, 2));
      if (option?.type === 'string' && !arg.includes('=') && !(name === undefined && arg.length > 2)) i++;
      continue;
    }
    seen++;
    if (seen === count) return i + 1;
  }
  return rest.length;
}
