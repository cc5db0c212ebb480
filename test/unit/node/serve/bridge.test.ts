import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServe, type RunningServe } from '../../../../electron/serve/serve-server';
import type { EventName } from '../../../../shared/contract';
import { ClientSessions } from '../../../../electron/core/slipway-core';

/** A stand-in core: records calls, answers subscriptions and sessions, emits on demand. */
function fakeCore() {
  const bus = new EventEmitter();
  const calls: { name: string; input: unknown; clientId: string }[] = [];
  let n = 0;
  const core = {
    calls,
    emit: (name: string, payload: unknown) => bus.emit('*', name, payload),
    events: { onAny: (l: (e: EventName, p: unknown) => void) => (bus.on('*', l), () => void bus.off('*', l)) },
    async call(name: string, input: unknown, ctx: { clientId: string }) {
      calls.push({ name, input, clientId: ctx.clientId });
      if (name === 'logs.subscribe') return { ok: true as const, value: { subscriptionId: `sub-${++n}` } };
      if (name === 'exec.start') {
        const sessionId = `ses-${++n}`;
        // A shell's prompt can come out before exec.start has answered.
        bus.emit('*', 'exec.output', { sessionId, data: 'prompt$ ' });
        return { ok: true as const, value: { sessionId } };
      }
      return { ok: true as const, value: null };
    },
  };
  return { ...core, sessions: new ClientSessions((name, input, ctx) => core.call(name, input, ctx)) };
}

class TestClient {
  readonly events: { name: string; payload: unknown }[] = [];
  private readonly answers = new Map<number, (v: unknown) => void>();
  private id = 0;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as { type: string; id: number; envelope: unknown; name: string; payload: unknown };
      if (m.type === 'result') this.answers.get(m.id)?.(m.envelope);
      else this.events.push({ name: m.name, payload: m.payload });
    });
  }
  static async open(served: RunningServe): Promise<TestClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${served.port}/api?token=${served.token}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new TestClient(ws);
  }
  call(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
    const id = ++this.id;
    return new Promise((resolve) => {
      this.answers.set(id, resolve as (v: unknown) => void);
      this.ws.send(JSON.stringify({ type: 'call', id, name, input }));
    });
  }
}

describe('the serve bridge', () => {
  let dir: string;
  let served: RunningServe;
  let core: ReturnType<typeof fakeCore>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'slipway-bridge-'));
    writeFileSync(path.join(dir, 'index.html'), '<div id="root"></div>');
    core = fakeCore();
    served = await startServe({ core, staticDir: dir, port: 0 });
  });

  afterEach(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each client its own id and sends log batches and exec output only to their owner', async () => {
    const a = await TestClient.open(served);
    const b = await TestClient.open(served);
    const subA = (await a.call('logs.subscribe', { projectId: 'p' })).value as { subscriptionId: string };
    const sesB = (await b.call('exec.start', { projectId: 'p', service: 's', command: ['sh'] })).value as { sessionId: string };
    const ids = new Set(core.calls.map((c) => c.clientId));
    expect(ids.size).toBe(2);

    core.emit('logs.batch', { subscriptionId: subA.subscriptionId, batchId: 1, lines: [] });
    core.emit('exec.output', { sessionId: sesB.sessionId, data: 'hi' });
    core.emit('task.done', { taskId: 't', kind: 'up', ok: true });
    await a.call('projects.list', {});
    await b.call('projects.list', {});
    expect(a.events.map((e) => e.name)).toEqual(['logs.batch', 'task.done']);
    expect(b.events.map((e) => e.name)).toEqual(['exec.output', 'exec.output', 'task.done']);
    expect(b.events[0]?.payload).toEqual({ sessionId: sesB.sessionId, data: 'prompt$ ' });
    a.ws.close();
    b.ws.close();
  });

  it("refuses to ack, resize or kill another client's subscription or session", async () => {
    const a = await TestClient.open(served);
    const b = await TestClient.open(served);
    const sub = (await a.call('logs.subscribe', { projectId: 'p' })).value as { subscriptionId: string };
    const ses = (await a.call('exec.start', { projectId: 'p', service: 's', command: ['sh'] })).value as { sessionId: string };
    expect((await b.call('logs.ack', { ...sub, batchId: 1 })).error?.code).toBe('not_found');
    expect((await b.call('exec.kill', ses)).error?.code).toBe('not_found');
    expect((await a.call('logs.ack', { ...sub, batchId: 1 })).ok).toBe(true);
    a.ws.close();
    b.ws.close();
  });

  it('ends what a client owned when it disconnects', async () => {
    const a = await TestClient.open(served);
    const sub = (await a.call('logs.subscribe', { projectId: 'p' })).value as { subscriptionId: string };
    const ses = (await a.call('exec.start', { projectId: 'p', service: 's', command: ['sh'] })).value as { sessionId: string };
    const clientId = core.calls[0]?.clientId;
    const closed = new Promise((resolve) => a.ws.once('close', resolve));
    a.ws.close();
    await closed;
    await expect.poll(() => core.calls.filter((c) => c.name === 'logs.unsubscribe' || c.name === 'exec.kill').map((c) => [c.name, c.input, c.clientId])).toEqual([
      ['logs.unsubscribe', sub, clientId],
      ['exec.kill', ses, clientId],
    ]);
  });

  it.each([
    ['text that is not JSON', 'not json', 1007],
    ['JSON that is not a call', JSON.stringify({ type: 'call', id: -1, name: 'x' }), 1008],
    ['a binary message', Buffer.from([1, 2, 3]), 1003],
    ['a message over the 1 MiB limit', JSON.stringify({ type: 'call', id: 1, name: 'projects.list', input: 'x'.repeat(1024 * 1024) }), 1009],
  ])('closes a client that sends %s, and serves the others', async (_what, data, code) => {
    const a = await TestClient.open(served);
    const b = await TestClient.open(served);
    const closed = new Promise<number>((resolve) => a.ws.once('close', (c) => resolve(c)));
    a.ws.send(data);
    expect(await closed).toBe(code);
    expect((await b.call('projects.list', {})).ok).toBe(true);
    expect(core.calls.map((c) => c.name)).toEqual(['projects.list']);
    b.ws.close();
  });
});
