import type { Command } from '../command';
import { runStackTask, stackProject } from '../stack-cli';

export const killCommand: Command = {
  name: 'kill',
  summary: 'Send a signal (SIGKILL by default) to the running containers of all or the named services',
  usage: 'slipway kill [-s SIGNAL] [SERVICE...]',
  options: { signal: { type: 'string', short: 's' } },
  async run(ctx, args) {
    const services = args.positionals;
    const project = await stackProject(ctx, { nameOnly: true, services });
    const signal = typeof args.values.signal === 'string' ? args.values.signal : undefined;
    await runStackTask(ctx, 'stack.kill', { projectId: project.projectId, ...(services.length > 0 ? { services } : {}), ...(signal !== undefined ? { signal } : {}) });
    return 0;
  },
};
