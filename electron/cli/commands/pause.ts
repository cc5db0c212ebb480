import type { Command } from '../command';
import { runStackTask, stackProject } from '../stack-cli';

function pauseCommand(name: 'pause' | 'unpause', summary: string): Command {
  return {
    name,
    summary,
    usage: `slipway ${name} [SERVICE...]`,
    options: {},
    async run(ctx, args) {
      const services = args.positionals;
      const project = await stackProject(ctx, { nameOnly: true, services });
      await runStackTask(ctx, name === 'pause' ? 'stack.pause' : 'stack.unpause', { projectId: project.projectId, ...(services.length > 0 ? { services } : {}) });
      return 0;
    },
  };
}

export const pauseServicesCommand = pauseCommand('pause', 'Pause the running containers of all or the named services');
export const unpauseServicesCommand = pauseCommand('unpause', 'Unpause the paused containers of all or the named services');
