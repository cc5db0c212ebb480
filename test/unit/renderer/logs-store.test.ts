import { describe, expect, it } from 'vitest';
import { createLogsStore } from '../../../renderer/src/logs/logs-store';
import { demoClient } from './fake-client';

const lines = (n: number, service = 'db') => Array.from({ length: n }, (_, i) => ({ service, stream: 'stdout', text: `line ${i}`, ts: i }));

describe('the logs store', () => {
  it('subscribes, fills the ring, and acknowledges batches only after the frame that shows them', async () => {
    const client = demoClient();
    const frames: (() => void)[] = [];
    const logs = createLogsStore(client, { capacity: 100, frame: (cb) => frames.push(cb), minFlushMs: 0 });
    await logs.start('demo');
    expect(client.callsOf('logs.subscribe')).toEqual([{ projectId: 'demo', tail: 2000 }]);
    client.emit('logs.batch', { subscriptionId: 'sub-1', batchId: 1, lines: lines(60) });
    client.emit('logs.batch', { subscriptionId: 'sub-1', batchId: 2, lines: lines(60) });
    client.emit('logs.batch', { subscriptionId: 'other', batchId: 1, lines: lines(5) });
    expect(client.callsOf('logs.ack')).toEqual([]);
    expect(frames).toHaveLength(1);
    const version = logs.getState().version;
    frames.shift()?.();
    expect(logs.getState().version).toBe(version + 1);
    expect(client.callsOf('logs.ack')).toEqual([{ subscriptionId: 'sub-1', batchId: 2 }]);
    expect(logs.getState().buffer.size).toBe(100);
  });

  it('keeps batches that arrive before the subscription is answered', async () => {
    const client = demoClient();
    client.answer('logs.subscribe', () => {
      client.emit('logs.batch', { subscriptionId: 'sub-9', batchId: 1, lines: lines(3) });
      return { ok: true, value: { subscriptionId: 'sub-9' } };
    });
    const logs = createLogsStore(client, { frame: (cb) => cb(), minFlushMs: 0 });
    await logs.start('demo');
    expect(logs.getState().buffer.size).toBe(3);
  });

  it('shows a subscription error and unsubscribes on stop', async () => {
    const failing = demoClient().answer('logs.subscribe', { ok: false, error: { code: 'engine_down', message: 'Docker is not reachable', hint: 'Start Docker.' } });
    const broken = createLogsStore(failing);
    await broken.start('demo');
    expect(broken.getState().status).toBe('error');
    expect(broken.getState().error?.hint).toBe('Start Docker.');

    const client = demoClient();
    const logs = createLogsStore(client);
    await logs.start('demo');
    await logs.stop();
    expect(client.callsOf('logs.unsubscribe')).toEqual([{ subscriptionId: 'sub-1' }]);
  });
});
