import { isEventName, type EventName } from '../../../shared/contract';
import { ownedResources, type OwnedResourceDef } from '../../../shared/contract/resources';
import type { Envelope } from '../../../shared/envelope';
import type { CallContext } from './handlers';

/** The core's boundary (dispatch), as a session calls it. */
export type Dispatch = (name: string, input: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

export interface SessionEvent {
  name: EventName;
  payload: unknown;
}

export interface SessionAnswer {
  envelope: Envelope<unknown>;
  /** Events held while this call was unanswered that turned out to be this client's: send them after the answer. */
  events: SessionEvent[];
}

/** At most this many events are held for a client while one of its `open` calls is unanswered. */
const MAX_HELD = 1000;

const resources: readonly OwnedResourceDef[] = Object.values(ownedResources);

/** A string field of a value that came over a bridge (an input, a payload, an answer). */
function idIn(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found: unknown = Reflect.get(value, key);
  return typeof found === 'string' ? found : undefined;
}

/**
 * Who owns what, for all clients of one core: per resource kind and id, the owning clients.
 * One owner for ids a call made (subscriptions, sessions); several for shared things (watchers).
 */
export class ClientSessions {
  private readonly owners = new Map<OwnedResourceDef, Map<string, Set<string>>>();

  constructor(private readonly dispatch: Dispatch) {}

  /** The session of one bridge client (a window page, a browser tab). */
  open(clientId: string): ClientSession {
    return new ClientSession(clientId, this, this.dispatch);
  }

  owns(def: OwnedResourceDef, id: string, clientId: string): boolean {
    return this.owners.get(def)?.get(id)?.has(clientId) ?? false;
  }

  own(def: OwnedResourceDef, id: string, clientId: string): void {
    let ids = this.owners.get(def);
    if (!ids) this.owners.set(def, (ids = new Map()));
    let clients = ids.get(id);
    if (!clients) ids.set(id, (clients = new Set()));
    clients.add(clientId);
  }

  /** This client no longer owns it; true when nobody does any more. */
  disown(def: OwnedResourceDef, id: string, clientId: string): boolean {
    const clients = this.owners.get(def)?.get(id);
    if (!clients) return true;
    clients.delete(clientId);
    if (clients.size > 0) return false;
    this.owners.get(def)?.delete(id);
    return true;
  }

  /** It is gone for everyone (ended, or closed by one of its owners). */
  forget(def: OwnedResourceDef, id: string): void {
    this.owners.get(def)?.delete(id);
  }

  /** What this client owns, per resource kind. */
  ownedBy(clientId: string): { def: OwnedResourceDef; id: string }[] {
    const owned: { def: OwnedResourceDef; id: string }[] = [];
    for (const [def, ids] of this.owners) for (const [id, clients] of ids) if (clients.has(clientId)) owned.push({ def, id });
    return owned;
  }
}

/**
 * One bridge client's calls and events, under the ownership rules the contract declares
 * (shared/contract/resources.ts). Both bridges — the Electron window (electron/main/ipc.ts)
 * and the browser WebSocket (electron/serve/ws-bridge.ts) — go through this.
 */
export class ClientSession {
  /** `open` calls of this client not answered yet: events about ids it may be about to own are held meanwhile. */
  private claiming = 0;
  private held: SessionEvent[] = [];
  private closed = false;

  constructor(
    readonly clientId: string,
    private readonly sessions: ClientSessions,
    private readonly dispatch: Dispatch,
  ) {}

  /** A call of this client: refused when it names another client's resource; ownership is learnt from the answer. */
  async call(name: string, input: unknown): Promise<SessionAnswer> {
    for (const def of resources) {
      const id = def.use.some((n) => n === name) ? idIn(input, def.key) : undefined;
      if (id !== undefined && !this.sessions.owns(def, id, this.clientId)) {
        return { envelope: { ok: false, error: { code: 'not_found', message: `No such ${this.kindOf(def)} for this client`, hint: 'Start a new one.' } }, events: [] };
      }
    }
    const claims = resources.filter((def) => def.open === name && def.keyFrom === 'output');
    this.claiming += claims.length;
    let envelope: Envelope<unknown>;
    try {
      envelope = await this.dispatch(name, input, { clientId: this.clientId });
    } finally {
      this.claiming -= claims.length;
    }
    if (envelope.ok) this.learn(name, input, envelope.value);
    return { envelope, events: this.release() };
  }

  /** Is this event for this client? Events about a resource go to its owner only; others to everyone. */
  wants(name: string, payload: unknown): boolean {
    for (const def of resources) {
      if (!def.events.some((e) => e === name)) continue;
      const id = idIn(payload, def.key);
      if (id === undefined) continue;
      const mine = this.sessions.owns(def, id, this.clientId);
      if (mine && def.endedBy === name) this.sessions.forget(def, id);
      return mine;
    }
    return true;
  }

  /** An event of the core: true to send it to this client now (else it is held for a pending claim, or not this client's). */
  route(name: string, payload: unknown): boolean {
    if (this.wants(name, payload)) return true;
    if (this.claiming > 0 && this.held.length < MAX_HELD && isEventName(name)) this.held.push({ name, payload });
    return false;
  }

  /** The client went away: end what it alone owns (a shared thing only when it was the last owner). */
  async close(): Promise<void> {
    this.closed = true;
    this.held = [];
    await Promise.all(this.sessions.ownedBy(this.clientId).map(({ def, id }) => this.releaseOne(def, id)));
  }

  private async releaseOne(def: OwnedResourceDef, id: string): Promise<void> {
    if (!this.sessions.disown(def, id, this.clientId)) return;
    await this.dispatch(def.close, { [def.key]: id }, { clientId: this.clientId });
  }

  private learn(name: string, input: unknown, value: unknown): void {
    for (const def of resources) {
      if (def.open === name) {
        const id = idIn(def.keyFrom === 'output' ? value : input, def.key);
        if (id === undefined) continue;
        this.sessions.own(def, id, this.clientId);
        // Claimed after its client went away (the answer came late): end it at once.
        if (this.closed) void this.releaseOne(def, id);
      }
      if (def.close === name) {
        const id = idIn(input, def.key);
        if (id !== undefined) this.sessions.forget(def, id);
      }
    }
  }

  /** Held events that turned out to be this client's, in order; the rest stay held while claims are pending. */
  private release(): SessionEvent[] {
    const mine = this.held.filter((e) => this.wants(e.name, e.payload));
    this.held = this.claiming > 0 ? this.held.filter((e) => !mine.includes(e)) : [];
    return mine;
  }

  private kindOf(def: OwnedResourceDef): string {
    return Object.entries(ownedResources).find(([, d]) => d === def)?.[0] ?? 'resource';
  }
}
