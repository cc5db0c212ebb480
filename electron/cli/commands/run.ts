import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import { envFlags, optionalString } from '../env-flags';
import { runSession } from '../exec-stream';
import { progressPrinter, secondsFlag, stackProject } from '../stack-cli';

export const runCommand: Command = {
  name: 'run',
  summary: 'Run a one-off command in a new container of a service (its dependencies started first); exits with its exit code',
  usage: 'slipway run [--rm] [-d] [-e K=V]... [-T] [--no-deps] [--service-ports] [--entrypoint CMD] [-u USER] [-w DIR] [--name NAME] [--wait-timeout S] SERVICE [COMMAND [ARGS...]]',
  options: {
    rm: { type: 'boolean' },
    detach: { type: 'boolean', short: 'd' },
    env: { type: 'string', short: 'e', multiple: true },
    'no-TTY': { type: 'boolean', short: 'T' },
    interactive: { type: 'boolean', short: 'i' },
    tty: { type: 'boolean', short: 't' },
    'no-deps': { type: 'boolean' },
    'service-ports': { type: 'boolean' },
    entrypoint: { type: 'string' },
    user: { type: 'string', short: 'u' },
    workdir: { type: 'string', short: 'w' },
    name: { type: 'string' },
    'wait-timeout': { type: 'string' },
  },
  stopAtPositional: 1,
  async run(ctx, args) {
    const [service, ...command] = args.positionals;
    if (service === undefined) throw new SlipwayError('usage', 'run: needs a service', `Usage: ${this.usage}`);
    const values = args.values;
    const detach = values.detach === true;
    const stdin = process.stdin;
    const stdout = process.stdout;
    // As Compose: a TTY when both ends are terminals, unless -T.
    const tty = !detach && values['no-TTY'] !== true && Boolean(stdin.isTTY) && Boolean(ctx.stdout.isTTY);
    const project = await stackProject(ctx, { services: [service] });
    const client = ctx.client();
    const entrypoint = optionalString(values.entrypoint);
    const user = optionalString(values.user);
    const workdir = optionalString(values.workdir);
    const name = optionalString(values.name);
    const timeoutSeconds = secondsFlag('run', '--wait-timeout', values['wait-timeout']);
    const created = await client.runTask('stack.run', {
      projectId: project.projectId,
      service,
      ...(command.length > 0 ? { command } : {}),
      ...(entrypoint !== undefined ? { entrypoint } : {}),
      env: envFlags(ctx, values.env),
      ...(user !== undefined ? { user } : {}),
      ...(workdir !== undefined ? { workdir } : {}),
      ...(name !== undefined ? { name } : {}),
      servicePorts: values['service-ports'] === true,
      noDeps: values['no-deps'] === true,
      tty,
      interactive: !detach,
      detach,
      rm: values.rm === true,
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    }, progressPrinter(ctx));
    if (detach) {
      ctx.out(created.name);
      return 0;
    }
    // Without a TTY, Ctrl+C goes to the command as SIGINT (with one, the terminal sends it).
    const forward = () => void client.runTask('stack.kill', { projectId: project.projectId, container: created.id, signal: 'SIGINT' }).catch(() => undefined);
    if (!tty) process.on('SIGINT', forward);
    const size = () => (stdout.columns > 0 && stdout.rows > 0 ? { cols: stdout.columns, rows: stdout.rows } : undefined);
    try {
      return await runSession(
        client,
        async () => (await client.call('stack.runStart', { projectId: project.projectId, container: created.id, tty, ...(tty ? size() : {}), encoding: 'base64' })).sessionId,
        { tty },
        { stdin, stdout: ctx.stdout, stderr: ctx.stderr, ...(tty ? { size } : {}) },
      );
    } finally {
      if (!tty) process.off('SIGINT', forward);
    }
  },
};
