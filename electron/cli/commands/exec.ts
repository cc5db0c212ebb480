import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import { startExec } from '../../core/exec/exec-process';
import { projectFromContext, unreachable } from '../project-target';

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
    const env: Record<string, string> = {};
    for (const pair of (values.env as string[] | undefined) ?? []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) {
        const inherited = ctx.env[pair];
        if (inherited === undefined) continue;
        env[pair] = inherited;
      } else {
        env[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
    }
    let index: number | undefined;
    if (values.index !== undefined) {
      index = Number(values.index);
      if (!Number.isInteger(index) || index < 1) throw new SlipwayError('usage', `exec: --index takes a container number (1, 2, …), not "${String(values.index)}"`);
    }
    const stdin = process.stdin;
    const stdout = process.stdout;
    const tty = values['no-TTY'] !== true && Boolean(stdin.isTTY) && Boolean(stdout.isTTY) && values.detach !== true;
    const target = await projectFromContext(ctx, [service]);
    const { docker, host } = ctx.core().docker();
    const proc = await startExec(docker, {
      projectId: target.projectId,
      service,
      command,
      tty,
      ...(tty ? { cols: stdout.columns, rows: stdout.rows } : {}),
      ...(values.user !== undefined ? { user: values.user as string } : {}),
      ...(values.workdir !== undefined ? { workdir: values.workdir as string } : {}),
      ...(values.privileged === true ? { privileged: true } : {}),
      ...(index !== undefined ? { index } : {}),
      ...(values.detach === true ? { detach: true } : {}),
      env,
    }).catch((error: unknown) => {
      throw unreachable(host.url, host.source, error);
    });
    if (values.detach === true) return 0;
    proc.stdout.pipe(ctx.stdout, { end: false });
    proc.stderr.pipe(ctx.stderr, { end: false });
    const onInput = (chunk: Buffer) => proc.write(chunk);
    const onEnd = () => proc.endInput();
    const onResize = () => void proc.resize(stdout.columns, stdout.rows);
    if (tty) {
      stdin.setRawMode(true);
      process.on('SIGWINCH', onResize);
    }
    stdin.on('data', onInput);
    stdin.on('end', onEnd);
    stdin.resume();
    try {
      const code = await proc.exitCode;
      await Promise.all([drained(proc.stdout), drained(proc.stderr)]);
      return code;
    } finally {
      stdin.off('data', onInput);
      stdin.off('end', onEnd);
      stdin.pause();
      if (tty) {
        stdin.setRawMode(false);
        process.off('SIGWINCH', onResize);
      }
    }
  },
};

function drained(stream: NodeJS.ReadableStream & { readableEnded?: boolean }): Promise<void> {
  if (stream.readableEnded) return Promise.resolve();
  return new Promise((resolve) => stream.once('end', () => resolve()));
}
