import { createClient, type SlipwayClient, type SlipwayTransport } from '../../../shared/client';
import type { Envelope } from '../../../shared/envelope';

type Handler = (input: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>;

/**
 * The contract client over a fake bridge, for tests: canned envelope answers per call,
 * recorded calls, events on demand. Calls, events and runTask are the real client's.
 */
export class FakeClient implements SlipwayTransport, SlipwayClient {
  readonly calls: { name: string; input: unknown }[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly client = createClient(this);
  readonly call: SlipwayClient['call'] = (name, input) => this.client.call(name, input);
  readonly runTask: SlipwayClient['runTask'] = (name, input, onProgress, options) => this.client.runTask(name, input, onProgress, options);

  answer(name: string, handler: Handler | Envelope<unknown>): this {
    this.handlers.set(name, typeof handler === 'function' ? handler : () => handler);
    return this;
  }

  /** Answers a task call with a task that ends at once (its task.done before the answer, as a fast task's may). */
  answerTask(name: string, done: { ok: true; result?: unknown } | { ok: false; error: { code: string; message: string; hint?: string } } = { ok: true, result: null }): this {
    let count = 0;
    return this.answer(name, () => {
      const taskId = `${name}-${++count}`;
      this.emit('task.done', { taskId, kind: name, ...done });
      return { ok: true, value: { taskId } };
    });
  }

  async invoke(name: string, input: unknown): Promise<Envelope<unknown>> {
    this.calls.push({ name, input });
    const handler = this.handlers.get(name);
    return handler ? handler(input) : { ok: false, error: { code: 'unknown_call', message: `No such call: ${name}` } };
  }

  on(event: string, listener: (payload: never) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  emit(event: string, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  callsOf(name: string): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input);
  }
}

export const demoProject = {
  projectId: 'demo',
  name: 'demo',
  workingDir: '/src/demo',
  configFiles: ['/src/demo/compose.yaml'],
  profiles: [],
  services: ['db', 'web', 'migrate'],
  warnings: [],
};

export function demoState(words: Record<string, string> = { db: 'healthy', web: 'running', migrate: 'completed' }) {
  return {
    projectId: 'demo',
    engine: 'up',
    services: Object.entries(words).map(([service, state]) => ({
      service,
      state,
      ...(state === 'exited' ? { exitCode: 3 } : {}),
      containers: [
        {
          id: `${service}-id`,
          name: `demo-${service}-1`,
          number: 1,
          state: state === 'completed' || state === 'exited' ? 'exited' : 'running',
          startedAt: new Date(Date.now() - 65_000).toISOString(),
          ports: service === 'web' ? [{ target: 8080, published: 18080, hostIp: '127.0.0.1', protocol: 'tcp' }] : [],
          image: 'busybox:latest',
        },
      ],
    })),
  };
}

/** A client with a demo project open and its state ready. */
export function demoClient(): FakeClient {
  return new FakeClient()
    .answer('projects.list', { ok: true, value: [demoProject] })
    .answer('projects.get', { ok: true, value: { ...demoProject, model: { services: { db: { image: 'busybox:latest' }, web: { image: 'busybox:latest' }, migrate: { image: 'busybox:latest' } } }, dependencies: { web: ['db'], migrate: ['db'], db: [] } } })
    .answer('state.snapshot', { ok: true, value: demoState() })
    .answer('logs.subscribe', { ok: true, value: { subscriptionId: 'sub-1' } })
    .answer('logs.ack', { ok: true, value: null })
    .answer('logs.unsubscribe', { ok: true, value: null });
}
