import type { CallName, EventName } from './index';

/**
 * What a client of the contract owns: things one of its calls makes, that only it may use,
 * whose events go to it alone, and that end when it goes away (a closed browser tab, a
 * reloaded window). Both bridges enforce this table through the core's ClientSession
 * (electron/core/api/client-session.ts); nothing else decides ownership.
 */
export interface OwnedResourceDef {
  /** The field that names one: in the answer of `open` (or its input), in inputs and events. */
  key: string;
  /** The call that makes one. */
  open: CallName;
  /** Where `open` names it: its answer (a new id) or its input (an existing thing, e.g. a project). */
  keyFrom: 'output' | 'input';
  /** Calls only its owner may make. */
  use: readonly CallName[];
  /** The call that ends one: made for the owner when it goes away. */
  close: CallName;
  /** Events about one: sent to its owner only (held while an `open` of this client is unanswered). */
  events: readonly EventName[];
  /** The event after which it is gone by itself. */
  endedBy?: EventName;
  /** Several clients may own the same one (a project's watcher): it ends when the last owner goes. */
  shared?: boolean;
}

export const ownedResources = {
  'log subscription': {
    key: 'subscriptionId',
    open: 'logs.subscribe',
    keyFrom: 'output',
    use: ['logs.ack', 'logs.unsubscribe'],
    close: 'logs.unsubscribe',
    events: ['logs.batch', 'logs.end'],
    endedBy: 'logs.end',
  },
  'exec session': {
    key: 'sessionId',
    open: 'exec.start',
    keyFrom: 'output',
    use: ['exec.input', 'exec.resize', 'exec.kill'],
    close: 'exec.kill',
    events: ['exec.output', 'exec.exit'],
    endedBy: 'exec.exit',
  },
  'event subscription': {
    key: 'subscriptionId',
    open: 'events.subscribe',
    keyFrom: 'output',
    use: ['events.unsubscribe'],
    close: 'events.unsubscribe',
    events: ['events.container', 'events.end'],
    endedBy: 'events.end',
  },
  'stats subscription': {
    key: 'subscriptionId',
    open: 'stats.subscribe',
    keyFrom: 'output',
    use: ['stats.unsubscribe'],
    close: 'stats.unsubscribe',
    events: ['stats.samples'],
  },
  watcher: {
    key: 'projectId',
    open: 'watch.start',
    keyFrom: 'input',
    use: [],
    close: 'watch.stop',
    events: [],
    shared: true,
  },
} as const satisfies Record<string, OwnedResourceDef>;

export type OwnedResourceKind = keyof typeof ownedResources;
