import type { StatsSample } from '../../../shared/contract/stats';
import type { Command } from '../command';
import { optionalString } from '../env-flags';
import { INTERRUPTED_EXIT_CODE, untilInterrupted } from '../interrupt';
import { stackProject } from '../stack-cli';
import { dockerStatsRow, statsLines } from '../stats-format';

/** Clears a terminal and puts the cursor home, as `docker stats` does before each refresh. */
const CLEAR_SCREEN = '\u001b[2J\u001b[H';

export const statsCommand: Command = {
  name: 'stats',
  summary: 'Show the project’s containers’ CPU, memory, network and block I/O, live like `docker stats` (Ctrl+C to stop)',
  usage: 'slipway stats [SERVICE...] [--no-stream] [--format table|json|TEMPLATE]',
  options: {
    'no-stream': { type: 'boolean' },
    format: { type: 'string' },
  },
  async run(ctx, args) {
    const format = optionalString(args.values.format) ?? 'table';
    const services = args.positionals;
    // Checked before anything is read: a bad template is a usage error at once.
    statsLines([], format);
    const project = await stackProject(ctx, { nameOnly: true, services });
    const target = { projectId: project.projectId, ...(services.length > 0 ? { services } : {}) };
    const client = ctx.client();
    const print = (sample: StatsSample) => {
      const lines = statsLines(sample.containers.map(dockerStatsRow), format);
      ctx.stdout.write(`${ctx.stdout.isTTY === true && args.values['no-stream'] !== true ? CLEAR_SCREEN : ''}${lines.map((line) => `${line}\n`).join('')}`);
    };
    if (args.values['no-stream'] === true) {
      print(await client.call('stats.sample', target));
      return 0;
    }
    let subscriptionId: string | undefined;
    const off = client.on('stats.samples', (sample) => {
      if (sample.subscriptionId === subscriptionId) print(sample);
    });
    try {
      subscriptionId = (await client.call('stats.subscribe', target)).subscriptionId;
      await untilInterrupted();
      return INTERRUPTED_EXIT_CODE;
    } finally {
      off();
      if (subscriptionId !== undefined) await client.call('stats.unsubscribe', { subscriptionId }).catch(() => undefined);
    }
  },
};
