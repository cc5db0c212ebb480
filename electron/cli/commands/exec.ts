import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import { envFlags, optionalString } from '../env-flags';
import { runExecSession } from '../exec-stream';
import { projectFromContext } from '../project-target';

export const execCommand: Command = {
  name: 'exec',
  summary: 'Run a command in a running service container',
  usage: 'slipway exec [-T] [-u USER] [-w DIR] [-e K=V] [--index N] SERVICE COMMAND [ARGS...]',
  options: {
    'no-TTY': { type: 'boolean', short: 'T' },
    user: { type: 'string', short: 'u' },
    workdir: { type: 'string', short: 'w' },
    env: { type: 'string', short: 'e', multiple: true },
    index: { type: 'string' },
    privileged: { type: 'boolean' },
    detach: { type: 'boolean', short: 'd' },
    interactive: { type: 'boolean', short: 'i' },
    tty: { type: 'boolean', short: 't' },
  },
  stopAtPositional: 1,
  async run(ctx, args) {
    const [service, ...command] = args.positionals;
    if (service === undefined || command.length === 0) {
      throw new SlipwayError('usage', 'exec: needs a service and a command', `Usage: ${this.usage}`);
    }
    const values = args.values;
    const env = envFlags(ctx, values.env);
    let index: number | undefined;
    if (values.index !== undefined) {
      index = Number(values.index);
      if (!Number.isInteger(index) || index < 1) throw new SlipwayError('usage', `exec: --index takes a container number (1, 2, …), not "${String(values.index)}"`);
    }
    const stdin = process.stdin;
    const stdout = process.stdout;
    const tty = values['no-TTY'] !== true && Boolean(stdin.isTTY) && Boolean(stdout.isTTY) && values.detach !== true;
    const target = await projectFromContext(ctx, [service]);
    // A terminal that has no size yet (0 columns) keeps the engine's default.
    const size = () => (stdout.columns > 0 && stdout.rows > 0 ? { cols: stdout.columns, rows: stdout.rows } : undefined);
    const initial = tty ? size() : undefined;
    const user = optionalString(values.user);
    const workdir = optionalString(values.workdir);
    return runExecSession(
      ctx.client(),
      {
        projectId: target.projectId,
        service,
        command,
        tty,
        ...initial,
        ...(user !== undefined ? { user } : {}),
        ...(workdir !== undefined ? { workdir } : {}),
        ...(values.privileged === true ? { privileged: true } : {}),
        ...(index !== undefined ? { index } : {}),
        ...(values.detach === true ? { detach: true } : {}),
        env,
      },
      { stdin, stdout: ctx.stdout, stderr: ctx.stderr, ...(tty ? { size } : {}) },
    );
  },
};

