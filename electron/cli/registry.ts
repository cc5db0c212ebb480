import type { Command } from './command';
import { configCommand } from './commands/config';
import { versionCommand } from './commands/version';
import { watchCommand } from './commands/watch';
import { logsCommand } from './commands/logs';
import { serveCommand } from './commands/serve';

/** Every `slipway` subcommand. Each lives in commands/<name>.ts. */
export const commands: Command[] = [
  configCommand,
  versionCommand,
  watchCommand,
  logsCommand,
  serveCommand,
];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
