import type { Envelope } from '../../shared/envelope';

/**
 * What one bridge client owns: its log subscriptions and exec sessions. Events about
 * them go to that client only, and they are ended when the client goes away.
 */
export class ClientScope {
  readonly subscriptions = new Set<string>();
  readonly sessions = new Set<string>();
  /** logs.subscribe / exec.start calls of this client not answered yet. */
  private claiming = 0;
  /** Events about ids nobody here owns yet, kept while a claim is pending (its first output can beat its answer). */
  private held: { name: string; payload: unknown }[] = [];

  /** A call that may claim a new subscription or session is starting. */
  noteCall(name: string): void {
    if (name === 'logs.subscribe' || name === 'exec.start') this.claiming++;
  }

  /** Keep an event this client does not want yet, if a claim is pending; false when dropped. */
  hold(name: string, payload: unknown): boolean {
    if (this.claiming === 0 || this.held.length >= 1000) return false;
    this.held.push({ name, payload });
    return true;
  }

  /**
   * Learn ownership from a call's answer; returns the held events that turned out to be
   * this client's (to send now, in order).
   */
  noteResult(name: string, input: unknown, envelope: Envelope<unknown>): { name: string; payload: unknown }[] {
    if (name === 'logs.subscribe' || name === 'exec.start') this.claiming = Math.max(0, this.claiming - 1);
    this.learn(name, input, envelope);
    const held = this.held;
    this.held = this.claiming > 0 ? held.filter((e) => !this.wants(e.name, e.payload)) : [];
    return held.filter((e) => this.wants(e.name, e.payload));
  }

  private learn(name: string, input: unknown, envelope: Envelope<unknown>): void {
    if (!envelope.ok) return;
    const value = envelope.value as { subscriptionId?: unknown; sessionId?: unknown } | null;
    if (name === 'logs.subscribe' && typeof value?.subscriptionId === 'string') this.subscriptions.add(value.subscriptionId);
    if (name === 'exec.start' && typeof value?.sessionId === 'string') this.sessions.add(value.sessionId);
    const ref = input as { subscriptionId?: unknown; sessionId?: unknown } | null;
    if (name === 'logs.unsubscribe' && typeof ref?.subscriptionId === 'string') this.subscriptions.delete(ref.subscriptionId);
    if (name === 'exec.kill' && typeof ref?.sessionId === 'string') this.sessions.delete(ref.sessionId);
  }

  /** May this client use a subscription/session named in a call's input? */
  mayUse(name: string, input: unknown): boolean {
    const ref = input as { subscriptionId?: unknown; sessionId?: unknown } | null;
    if ((name === 'logs.ack' || name === 'logs.unsubscribe') && typeof ref?.subscriptionId === 'string') return this.subscriptions.has(ref.subscriptionId);
    if ((name === 'exec.input' || name === 'exec.resize' || name === 'exec.kill') && typeof ref?.sessionId === 'string') return this.sessions.has(ref.sessionId);
    return true;
  }

  /** Is an event for this client? Events naming a subscription or session go to its owner only. */
  wants(name: string, payload: unknown): boolean {
    if (typeof payload !== 'object' || payload === null) return true;
    const p = payload as { subscriptionId?: unknown; sessionId?: unknown; clientId?: unknown };
    if (name === 'exec.exit' && typeof p.sessionId === 'string') {
      const mine = this.sessions.has(p.sessionId);
      this.sessions.delete(p.sessionId);
      return mine;
    }
    if (typeof p.subscriptionId === 'string') return this.subscriptions.has(p.subscriptionId);
    if (typeof p.sessionId === 'string') return this.sessions.has(p.sessionId);
    return true;
  }

  /** Calls that end everything this client still owns. */
  cleanupCalls(): { name: string; input: unknown }[] {
    return [
      ...[...this.subscriptions].map((subscriptionId) => ({ name: 'logs.unsubscribe', input: { subscriptionId } })),
      ...[...this.sessions].map((sessionId) => ({ name: 'exec.kill', input: { sessionId } })),
    ];
  }
}
