import type { ProjectState } from '../../../shared/model/state';
import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import { runStackTask, stackProject } from '../stack-cli';

export const waitCommand: Command = {
  name: 'wait',
  summary: 'Block until the running containers of the services stop; print each exit code and exit with the last one',
  usage: 'slipway wait SERVICE... [--down-project]',
  options: {
    'down-project': { type: 'boolean' },
  },
  async run(ctx, args) {
    const services = args.positionals;
    if (services.length === 0) throw new SlipwayError('usage', 'wait: needs at least one service', `Usage: ${this.usage}`);
    const project = await stackProject(ctx, { nameOnly: true, services });
    const client = ctx.client();
    const pending = new Map<string, number | undefined>();
    let lastCode = 0;
    let settle!: () => void;
    const allStopped = new Promise<void>((resolve) => (settle = resolve));
    // As Compose's ContainerWait: each container's exit is printed as it happens; the last one's code is the exit code.
    const check = (state: ProjectState) => {
      const seen = new Map(state.services.flatMap((s) => s.containers.map((c) => [c.id, c] as const)));
      for (const [id, lastExit] of pending) {
        const c = seen.get(id);
        const stopped = c === undefined || c.state === 'exited' || c.state === 'dead';
        if (!stopped) {
          pending.set(id, c.exitCode ?? lastExit);
          continue;
        }
        const code = c?.exitCode ?? lastExit ?? 0;
        pending.delete(id);
        lastCode = code;
        ctx.out(`container "${id}" exited with status code ${code}`);
      }
      if (pending.size === 0) settle();
    };
    const off = client.on('state.changed', (event) => {
      if (event.projectId === project.projectId && pending.size > 0) check(event.state);
    });
    try {
      // The state feed follows events from here, so an exit between the listing and the check is not missed.
      await client.call('state.snapshot', { projectId: project.projectId });
      const rows = await client.call('stack.ps', { projectId: project.projectId, services, all: false });
      if (rows.length === 0) throw new SlipwayError('no_containers', `no containers for project "${project.name}"`, `Nothing of ${services.join(', ')} is running: start it with slipway up.`);
      for (const row of rows) pending.set(row.id, undefined);
      check(await client.call('state.snapshot', { projectId: project.projectId }));
      await allStopped;
    } finally {
      off();
    }
    if (args.values['down-project'] === true) await runStackTask(ctx, 'stack.down', { projectId: project.projectId, removeOrphans: true });
    return lastCode;
  },
};
