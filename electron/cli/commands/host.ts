import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';

export const hostCommand: Command = {
  name: 'host',
  summary: 'Start or stop a Docker host (Colima, Docker Desktop, OrbStack, Podman machine, systemd docker…)',
  usage: 'slipway host start|stop NAME   (names as `slipway hosts` lists them)',
  options: {},
  async run(ctx, args) {
    const [verb, name, ...extra] = args.positionals;
    if ((verb !== 'start' && verb !== 'stop') || !name || extra.length > 0) {
      throw new SlipwayError('usage', verb && verb !== 'start' && verb !== 'stop' ? `host: unknown action "${verb}"` : 'host: say start or stop, and which host', `Usage: ${this.usage}`);
    }
    await ctx.client().runTask(verb === 'start' ? 'host.start' : 'host.stop', { name }, (p) => ctx.err(p.message));
    return 0;
  },
};
