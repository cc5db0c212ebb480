import type { ContainerEvent } from '../../../shared/contract/events';
import type { Command } from '../command';
import { eventJson, eventText } from '../event-format';
import { untilInterrupted } from '../interrupt';
import { wantsJson } from '../output-format';
import { projectFromContext } from '../project-target';

export const eventsCommand: Command = {
  name: 'events',
  summary: 'Print the project’s container events as they happen (Ctrl+C to stop)',
  usage: 'slipway events [SERVICE...] [--json]',
  options: {
    json: { type: 'boolean' },
  },
  async run(ctx, args) {
    const json = wantsJson('events', args.values);
    const target = await projectFromContext(ctx, args.positionals);
    const client = ctx.client();
    let subscriptionId: string | undefined;
    const early: ContainerEvent[] = [];
    const print = (event: ContainerEvent) => ctx.out(json ? eventJson(event) : eventText(event));
    const off = client.on('events.container', (event) => {
      if (subscriptionId === undefined) early.push(event);
      else if (event.subscriptionId === subscriptionId) print(event);
    });
    try {
      const answer = await client.call('events.subscribe', { projectId: target.projectId, ...(args.positionals.length > 0 ? { services: args.positionals } : {}) });
      subscriptionId = answer.subscriptionId;
      for (const event of early.splice(0)) if (event.subscriptionId === subscriptionId) print(event);
      await untilInterrupted();
    } finally {
      off();
      if (subscriptionId !== undefined) await client.call('events.unsubscribe', { subscriptionId }).catch(() => undefined);
    }
    return 0;
  },
};
