import type { Command } from './command';
import { configCommand } from './commands/config';
import { versionCommand } from './commands/version';
import { buildCommand } from './commands/build';
import { pushCommand } from './commands/push';
import { pullCommand } from './commands/pull';
import { doctorCommand } from './commands/doctor';
import { hostsCommand } from './commands/hosts';
import { hostCommand } from './commands/host';
import { watchCommand } from './commands/watch';
import { logsCommand } from './commands/logs';
import { execCommand } from './commands/exec';
import { serveCommand } from './commands/serve';
import { upCommand } from './commands/up';
import { downCommand } from './commands/down';
import { psCommand } from './commands/ps';
import { startCommand } from './commands/start';
import { stopCommand } from './commands/stop';
import { restartCommand } from './commands/restart';
import { settingsCommand } from './commands/settings';
import { runCommand } from './commands/run';
import { createCommand } from './commands/create';
import { scaleCommand } from './commands/scale';
import { rmCommand } from './commands/rm';
import { lsCommand } from './commands/ls';
import { imagesCommand } from './commands/images';
import { topCommand } from './commands/top';
import { timelineCommand } from './commands/timeline';
import { portCommand } from './commands/port';
import { killCommand } from './commands/kill';
import { pauseServicesCommand, unpauseServicesCommand } from './commands/pause';
import { completionCommand } from './commands/completion';
import { eventsCommand } from './commands/events';
import { waitCommand } from './commands/wait';
import { cpCommand } from './commands/cp';
import { statsCommand } from './commands/stats';

/** Every `slipway` subcommand. Each lives in commands/<name>.ts. */
export const commands: Command[] = [
  configCommand,
  versionCommand,
  buildCommand,
  pushCommand,
  pullCommand,
  doctorCommand,
  hostsCommand,
  hostCommand,
  watchCommand,
  logsCommand,
  execCommand,
  runCommand,
  serveCommand,
  upCommand,
  createCommand,
  scaleCommand,
  downCommand,
  psCommand,
  startCommand,
  stopCommand,
  restartCommand,
  rmCommand,
  killCommand,
  pauseServicesCommand,
  unpauseServicesCommand,
  lsCommand,
  imagesCommand,
  topCommand,
  timelineCommand,
  portCommand,
  eventsCommand,
  waitCommand,
  cpCommand,
  statsCommand,
  settingsCommand,
  completionCommand(() => commands),
];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
