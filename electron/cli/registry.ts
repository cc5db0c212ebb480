import type { Command } from './command';
import { configCommand } from './commands/config';
import { versionCommand } from './commands/version';
import { watchCommand } from './commands/watch';

/** Every `slipway` subcommand. Each lives in commands/<name>.ts. */
export const commands: Command[] = [
  configCommand,
  versionCommand,
  watchCommand,
];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
