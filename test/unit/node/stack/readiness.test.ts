import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EngineEvent, EngineEvents } from '../../../../electron/core/docker/engine-events';
import { ReadinessWatch } from '../../../../electron/core/stack/readiness';

const PROJECT = 'demo';

function fakeEvents() {
  const emitter = new EventEmitter();
  const send = (id: string, action: string, attributes: Record<string, string> = {}) => {
    const event: EngineEvent = { Type: 'container', Action: action, Actor: { ID: id, Attributes: { 'com.docker.compose.project': PROJECT, 'com.docker.compose.service': 'db', name: 'demo-db-1', ...attributes } }, time: 0, timeNano: 0 };
    emitter.emit('event', event);
  };
  return { events: emitter as unknown as EngineEvents, send };
}

describe('ReadinessWatch', () => {
  it('a healthcheck probe (exec_* events) before the listing does not hide the seeded health', async () => {
    const { events, send } = fakeEvents();
    const watch = new ReadinessWatch(events, PROJECT);
    send('c1', 'exec_create: test -f /tmp/ready');
    send('c1', 'exec_die', { exitCode: '0' });
    watch.seed('c1', { running: true, health: 'healthy' });
    await expect(watch.healthy('c1')).resolves.toBeUndefined();
    watch.dispose();
  });

  it('resolves healthy on the event, fails on unhealthy or an early exit', async () => {
    const { events, send } = fakeEvents();
    const watch = new ReadinessWatch(events, PROJECT);
    watch.markHealthcheck('a');
    const a = watch.healthy('a');
    send('a', 'start');
    send('a', 'health_status: healthy');
    await expect(a).resolves.toBeUndefined();
    const b = watch.healthy('b');
    send('b', 'start');
    send('b', 'health_status: unhealthy');
    await expect(b).rejects.toThrow('is unhealthy');
    const c = watch.healthy('c');
    send('c', 'start');
    send('c', 'die', { exitCode: '4' });
    await expect(c).rejects.toThrow('exited with code 4 before it was healthy');
    watch.dispose();
  });

  it('completed needs exit code 0; a restart ignores the previous run’s die', async () => {
    const { events, send } = fakeEvents();
    const watch = new ReadinessWatch(events, PROJECT);
    const ok = watch.completed('x');
    send('x', 'start');
    send('x', 'die', { exitCode: '0' });
    await expect(ok).resolves.toBeUndefined();
    watch.reset('x');
    const again = watch.completed('x');
    send('x', 'die', { exitCode: '143' });
    send('x', 'start');
    send('x', 'die', { exitCode: '2' });
    await expect(again).rejects.toThrow('exited with code 2');
    expect(watch.exitCode('x')).toBe(2);
    watch.dispose();
  });

  it('ignores other projects', async () => {
    const { events, send } = fakeEvents();
    const watch = new ReadinessWatch(events, PROJECT);
    let done = false;
    const waiting = watch.completed('y').then(() => (done = true));
    send('y', 'die', { exitCode: '0', 'com.docker.compose.project': 'other' });
    await Promise.resolve();
    expect(done).toBe(false);
    send('y', 'die', { exitCode: '0' });
    await waiting;
    expect(done).toBe(true);
    watch.dispose();
  });
});
