import { describe, expect, it } from 'vitest';
import { createClient } from '../../../../shared/client';
import { DesktopController } from '../../../../electron/main/desktop-controller';
import type { TrayModel } from '../../../../electron/main/tray-model';
import { FakeBridge } from '../client/fake-bridge';

const usage = (service: string, cpuPercent: number, memoryUsage: number) => ({ service, containers: 1, cpuPercent, memoryUsage, memoryLimit: 1 << 30, memoryPercent: 0, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 1 });

function setup() {
  const clock = { now: 100_000 };
  let samples = 0;
  const bridge = new FakeBridge()
    .answer('state.snapshot', () => ({ ok: false, error: { code: 'x', message: 'x' } }))
    .answer('proxy.urls', () => ({ ok: true, value: { port: 7380, running: false, urls: [] } }))
    .answer('stats.sample', () => {
      samples++;
      return { ok: true, value: { at: 0, services: [usage('api', 12.5, 3 * 1024 * 1024), usage('db', 30, 1024 * 1024)], containers: [] } };
    });
  const trays: TrayModel[] = [];
  const controller = new DesktopController(createClient(bridge), { renderTray: (m) => trays.push(m), notify: () => undefined, notificationsEnabled: () => true, now: () => clock.now });
  const emit = (name: string, payload: unknown) => bridge.emit(name, payload);
  emit('project.opened', { projectId: 'shop', name: 'shop', workingDir: '/src/shop', configFiles: [], profiles: [], services: ['db', 'api'], warnings: [] });
  return { controller, emit, clock, samples: () => samples, streams: () => bridge.invoked.filter((c) => c.name === 'stats.subscribe').length };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const running = (state: string) => ({ projectId: 'shop', state: { projectId: 'shop', engine: 'up', services: [{ service: 'api', state, containers: [] }, { service: 'db', state, containers: [] }] } });

describe('the tray tooltip sums the project\'s CPU and memory', () => {
  it('from one stats sample when what runs changes, never a stream; again on hover only when the last is a few seconds old', async () => {
    const t = setup();
    t.emit('state.changed', running('running'));
    await settle();
    expect(t.samples()).toBe(1);
    expect(t.controller.tray().tooltip.split('\n')).toContain('shop: 2/2 healthy · CPU 42.50% · 4MiB');
    await t.controller.refreshUsage();
    expect(t.samples()).toBe(1);
    t.clock.now += 6_000;
    await t.controller.refreshUsage();
    expect(t.samples()).toBe(2);
    expect(t.streams()).toBe(0);
  });

  it('shows nothing of a project once nothing runs', async () => {
    const t = setup();
    t.emit('state.changed', running('running'));
    await settle();
    t.emit('state.changed', running('stopped'));
    await settle();
    expect(t.samples()).toBe(1);
    expect(t.controller.tray().tooltip.split('\n')).toContain('shop: 0/2 healthy');
  });
});
