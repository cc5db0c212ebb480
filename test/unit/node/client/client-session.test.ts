import { describe, expect, it } from 'vitest';
import { ClientSessions } from '../../../../electron/core/slipway-core';
import { WindowClients } from '../../../../electron/main/ipc';
import type { Envelope } from '../../../../shared/envelope';

/** A stand-in dispatch: new ids for subscriptions and sessions, calls recorded, an answer held on demand. */
function fakeCore() {
  const calls: { name: string; input: unknown; clientId: string }[] = [];
  let n = 0;
  let gate: Promise<void> | undefined;
  const dispatch = async (name: string, input: unknown, ctx: { clientId: string }): Promise<Envelope<unknown>> => {
    calls.push({ name, input, clientId: ctx.clientId });
    if (gate) await gate;
    if (name === 'logs.subscribe') return { ok: true, value: { subscriptionId: `sub-${++n}` } };
    if (name === 'exec.start') return { ok: true, value: { sessionId: `ses-${++n}` } };
    if (name === 'watch.start') return { ok: true, value: { projectId: 'shop', watching: true } };
    return { ok: true, value: null };
  };
  return {
    calls,
    sessions: new ClientSessions(dispatch),
    /** Holds every answer until the returned function is called. */
    hold(): () => void {
      let open: () => void = () => undefined;
      gate = new Promise((resolve) => (open = resolve));
      return () => {
        gate = undefined;
        open();
      };
    },
    ended: () => calls.filter((c) => c.name === 'logs.unsubscribe' || c.name === 'exec.kill' || c.name === 'watch.stop').map((c) => `${c.clientId} ${c.name} ${JSON.stringify(c.input)}`),
  };
}

describe('client sessions: what a bridge client owns (shared/contract/resources.ts)', () => {
  it('sends events about a subscription or session to its owner only, and refuses the others its calls', async () => {
    const core = fakeCore();
    const a = core.sessions.open('a');
    const b = core.sessions.open('b');
    await a.call('logs.subscribe', { projectId: 'shop' });
    await b.call('exec.start', { projectId: 'shop', service: 'web', command: ['sh'] });
    expect([a.route('logs.batch', { subscriptionId: 'sub-1', batchId: 1, lines: [] }), b.route('logs.batch', { subscriptionId: 'sub-1', batchId: 1, lines: [] })]).toEqual([true, false]);
    expect([a.route('exec.output', { sessionId: 'ses-2', data: 'x' }), b.route('exec.output', { sessionId: 'ses-2', data: 'x' })]).toEqual([false, true]);
    expect([a.route('task.done', { taskId: 't' }), b.route('task.done', { taskId: 't' })]).toEqual([true, true]);
    const refused = await b.call('logs.ack', { subscriptionId: 'sub-1', batchId: 1 });
    expect(refused.envelope).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await a.call('logs.ack', { subscriptionId: 'sub-1', batchId: 1 })).envelope.ok).toBe(true);
    expect(core.calls.filter((c) => c.name === 'logs.ack').map((c) => c.clientId)).toEqual(['a']);
  });

  it('holds events that come before the answer that makes them its own, and hands them over after it', async () => {
    const core = fakeCore();
    const a = core.sessions.open('a');
    const open = core.hold();
    const starting = a.call('exec.start', { projectId: 'shop', service: 'web', command: ['sh'] });
    // The shell's prompt comes out before exec.start has answered.
    expect(a.route('exec.output', { sessionId: 'ses-1', data: 'prompt$ ' })).toBe(false);
    open();
    const answer = await starting;
    expect(answer.envelope).toEqual({ ok: true, value: { sessionId: 'ses-1' } });
    expect(answer.events).toEqual([{ name: 'exec.output', payload: { sessionId: 'ses-1', data: 'prompt$ ' } }]);
  });

  it('ends what a client owned when it goes, and a claim answered after that at once', async () => {
    const core = fakeCore();
    const a = core.sessions.open('a');
    await a.call('logs.subscribe', { projectId: 'shop' });
    await a.call('exec.start', { projectId: 'shop', service: 'web', command: ['sh'] });
    await a.call('exec.start', { projectId: 'shop', service: 'web', command: ['sh'] });
    a.route('exec.exit', { sessionId: 'ses-3', exitCode: 0 }); // ended by itself: nothing to kill
    const open = core.hold();
    const late = a.call('logs.subscribe', { projectId: 'shop' });
    const closing = a.close();
    open();
    await Promise.all([late, closing]);
    expect(core.ended()).toEqual(['a logs.unsubscribe {"subscriptionId":"sub-1"}', 'a exec.kill {"sessionId":"ses-2"}', 'a logs.unsubscribe {"subscriptionId":"sub-4"}']);
  });

  it('stops a watcher only when the last client that started it goes', async () => {
    const core = fakeCore();
    const a = core.sessions.open('a');
    const b = core.sessions.open('b');
    await a.call('watch.start', { projectId: 'shop' });
    await b.call('watch.start', { projectId: 'shop' });
    await a.close();
    expect(core.ended()).toEqual([]);
    await b.close();
    expect(core.ended()).toEqual(['b watch.stop {"projectId":"shop"}']);
  });

  it('forgets a watcher stopped by any client', async () => {
    const core = fakeCore();
    const a = core.sessions.open('a');
    const b = core.sessions.open('b');
    await a.call('watch.start', { projectId: 'shop' });
    await b.call('watch.stop', { projectId: 'shop' });
    await a.close();
    expect(core.ended()).toEqual(['b watch.stop {"projectId":"shop"}']);
  });
});

describe('the Electron bridge uses the same sessions', () => {
  it('a window page owns what it made, and it ends when the page goes', async () => {
    const core = fakeCore();
    const windows = new WindowClients(core.sessions);
    await windows.call('window-7', 'logs.subscribe', { projectId: 'shop' });
    expect(windows.route('window-7', 'logs.batch', { subscriptionId: 'sub-1', batchId: 1, lines: [] })).toBe(true);
    expect(windows.route('window-8', 'logs.batch', { subscriptionId: 'sub-1', batchId: 1, lines: [] })).toBe(false);
    expect((await windows.call('window-8', 'logs.unsubscribe', { subscriptionId: 'sub-1' })).envelope.ok).toBe(false);
    await windows.gone('window-7');
    expect(core.ended()).toEqual(['window-7 logs.unsubscribe {"subscriptionId":"sub-1"}']);
  });
});
