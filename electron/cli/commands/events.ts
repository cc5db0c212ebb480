import type { ContainerEvent } from '../../../shared/contract/events';
import type { Command } from '../command';
import { optionalString } from '../env-flags';
import { eventJson, eventText } from '../event-format';
import { INTERRUPTED_EXIT_CODE, untilInterrupted } from '../interrupt';
import { wantsJson } from '../output-format';
import { projectFromContext } from '../project-target';

export const eventsCommand: Command = {
  name: 'events',
  summary: 'Print the project’s container events as they happen (Ctrl+C to stop)',
  usage: 'slipway events [SERVICE...] [--json] [--since T] [--until T]',
  options: {
    json: { type: 'boolean' },
    since: { type: 'string' },
    until: { type: 'string' },
  },
  async run(ctx, args) {
    const json = wantsJson('events', args.values);
    const since = optionalString(args.values.since);
    const until = optionalString(args.values.until);
    const target = await projectFromContext(ctx, args.positionals);
    const client = ctx.client();
    let subscriptionId: string | undefined;
    const early: (ContainerEvent | { subscriptionId: string; end: true })[] = [];
    const ended = new AbortController();
    const print = (event: ContainerEvent) => ctx.out(json ? eventJson(event) : eventText(event));
    const offEvent = client.on('events.container', (event) => {
      if (subscriptionId === undefined) early.push(event);
      else if (event.subscriptionId === subscriptionId) print(event);
    });
    const offEnd = client.on('events.end', (ref) => {
      if (subscriptionId === undefined) early.push({ ...ref, end: true });
      else if (ref.subscriptionId === subscriptionId) ended.abort();
    });
    let interrupted: boolean;
    try {
      const answer = await client.call('events.subscribe', {
        projectId: target.projectId,
        ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
      });
      subscriptionId = answer.subscriptionId;
      for (const event of early.splice(0)) {
        if (event.subscriptionId !== subscriptionId) continue;
        if ('end' in event) ended.abort();
        else print(event);
      }
      // Until Ctrl+C, or the end of the stream (--until reached, the engine gone).
      interrupted = await untilInterrupted(ended.signal);
    } finally {
      offEvent();
      offEnd();
      if (subscriptionId !== undefined && !ended.signal.aborted) await client.call('events.unsubscribe', { subscriptionId }).catch(() => undefined);
    }
    return interrupted ? INTERRUPTED_EXIT_CODE : 0;
  },
};
