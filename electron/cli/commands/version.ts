import type { Command } from '../command';
import { SLIPWAY_VERSION } from '../version';

export const versionCommand: Command = {
  name: 'version',
  summary: 'Show the Slipway version',
  usage: 'slipway version',
  options: {},
  async run(ctx) {
    ctx.out(`slipway ${SLIPWAY_VERSION}`);
    return 0;
  },
};
