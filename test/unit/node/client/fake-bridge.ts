import type { SlipwayTransport } from '../../../../shared/client';
import type { Envelope } from '../../../../shared/envelope';

type Answer = (input: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>;

/** Everything crossing a remote bridge is JSON: what the client gets is a copy. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * A remote bridge stand-in (the preload or the WebSocket): canned envelope answers per call,
 * events emitted on demand, calls and live listeners counted, JSON in between.
 */
export class FakeBridge implements SlipwayTransport {
  readonly invoked: { name: string; input: unknown }[] = [];
  private readonly answers = new Map<string, Answer>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  answer(name: string, answer: Answer): this {
    this.answers.set(name, answer);
    return this;
  }

  async invoke(name: string, input: unknown): Promise<Envelope<unknown>> {
    this.invoked.push({ name, input: overTheWire(input) });
    const answer = this.answers.get(name);
    return overTheWire(answer ? await answer(input) : { ok: false, error: { code: 'unknown_call', message: `No such call: ${name}` } });
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit(event: string, payload: unknown): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(overTheWire(payload));
  }

  listening(): number {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }

  invokedNames(): string[] {
    return this.invoked.map((c) => c.name);
  }
}
