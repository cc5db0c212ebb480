import { describe, expect, it } from 'vitest';
import { createClient } from '../../../../shared/client';
import { DesktopController } from '../../../../electron/main/desktop-controller';
import type { DesktopNotice } from '../../../../electron/main/notification-rules';
import type { TrayModel } from '../../../../electron/main/tray-model';
import { FakeBridge } from '../client/fake-bridge';

function setup(snapshot: unknown, clock = { now: 0 }) {
  const bridge = new FakeBridge().answer('state.snapshot', () => (snapshot === undefined ? { ok: false, error: { code: 'x', message: 'x' } } : { ok: true, value: snapshot }));
  const trays: TrayModel[] = [];
  const notices: DesktopNotice[] = [];
  const controller = new DesktopController(createClient(bridge), { renderTray: (m) => trays.push(m), notify: (n) => notices.push(n), notificationsEnabled: () => true, now: () => clock.now });
  const calls = () => bridge.invoked.map((c): [string, unknown] => [c.name, c.input]);
  return { controller, bridge, emit: (name: string, payload: unknown) => bridge.emit(name, payload), calls, trays, notices };
}

const summary = { projectId: 'shop', name: 'shop', workingDir: '/src/shop', configFiles: [], profiles: [], services: ['db', 'api'], warnings: [] };

describe('desktop controller: the tray follows the state feed', () => {
  it('asks for a snapshot when a project opens and shows it', async () => {
    const t = setup({ projectId: 'shop', engine: 'up', services: [{ service: 'api', state: 'created', containers: [] }, { service: 'db', state: 'starting', containers: [] }] });
    t.emit('project.opened', summary);
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(t.calls()).toEqual([['state.snapshot', { projectId: 'shop' }], ['proxy.urls', { projectId: 'shop' }], ['stats.sample', { projectId: 'shop' }]]);
    expect(t.controller.tray().icon).toBe('starting');
    expect(t.controller.tray().menu[2]?.label).toBe('shop: 0/2 healthy');
  });

  it('puts each running service’s address in its submenu, asked again only when what runs changes', async () => {
    const t = setup(undefined);
    const bridge = t.bridge;
    bridge.answer('proxy.urls', () => ({ ok: true, value: { port: 7380, running: true, urls: [{ service: 'api', containerPort: 8080, url: 'http://api.shop.localhost:7380/' }] } }));
    t.emit('project.opened', summary);
    const running = { projectId: 'shop', engine: 'up', services: [{ service: 'api', state: 'running', containers: [] }, { service: 'db', state: 'healthy', containers: [] }] };
    t.emit('state.changed', { projectId: 'shop', state: running });
    await new Promise((r) => setImmediate(r));
    const api = t.controller.tray().menu.find((i) => i.label === 'api: running');
    expect(api?.submenu?.[0]).toEqual({ label: 'Open api.shop.localhost:7380', action: { kind: 'open-url', url: 'http://api.shop.localhost:7380/' } });
    t.emit('state.changed', { projectId: 'shop', state: { ...running } });
    await new Promise((r) => setImmediate(r));
    expect(t.calls().filter(([name]) => name === 'proxy.urls')).toHaveLength(1);
    t.emit('state.changed', { projectId: 'shop', state: { projectId: 'shop', engine: 'up', services: [{ service: 'api', state: 'stopped', containers: [] }, { service: 'db', state: 'stopped', containers: [] }] } });
    await new Promise((r) => setImmediate(r));
    expect(t.controller.tray().menu.find((i) => i.label === 'api: stopped')?.submenu?.[0]?.label).toBe('Restart');
    expect(t.calls().filter(([name]) => name === 'proxy.urls')).toHaveLength(1);
  });

  it('turns healthy with state.changed, and notifies when a service turns unhealthy', () => {
    const t = setup(undefined);
    t.emit('project.opened', summary);
    t.emit('state.changed', { projectId: 'shop', state: { projectId: 'shop', engine: 'up', services: [{ service: 'api', state: 'running', containers: [] }, { service: 'db', state: 'healthy', containers: [] }] } });
    expect(t.trays.at(-1)?.icon).toBe('healthy');
    expect(t.trays.at(-1)?.menu[2]?.label).toBe('shop: 2/2 healthy');
    t.emit('state.changed', { projectId: 'shop', state: { projectId: 'shop', engine: 'up', services: [{ service: 'api', state: 'running', containers: [] }, { service: 'db', state: 'unhealthy', containers: [] }] } });
    expect(t.trays.at(-1)?.icon).toBe('failing');
    expect(t.notices.map((n) => n.title)).toEqual(['db is unhealthy']);
  });

  it('shows the engine going away, and tracks tasks per project', async () => {
    const t = setup(undefined);
    t.emit('project.opened', summary);
    t.emit('task.progress', { taskId: 'u1', kind: 'stack.up', projectId: 'shop', message: 'starting db' });
    expect(t.controller.current().projects[0]?.running).toEqual([{ taskId: 'u1', kind: 'stack.up' }]);
    t.emit('task.done', { taskId: 'u1', kind: 'stack.up', projectId: 'shop', ok: true });
    expect(t.controller.current().projects[0]?.running).toEqual([]);
    t.emit('engine.status', { status: 'up' });
    t.emit('engine.status', { status: 'down', message: 'gone' });
    expect(t.trays.at(-1)?.icon).toBe('down');
    expect(t.notices.map((n) => n.title)).toEqual(['The Docker engine went away']);
  });

  it('does not redraw the tray for events that change nothing it shows', () => {
    const t = setup(undefined);
    const before = t.trays.length;
    t.emit('settings.changed', {});
    t.emit('logs.batch', {});
    expect(t.trays.length).toBe(before);
  });
});

describe('desktop controller: exits the user asked for are not news', () => {
  const services = (api: string, apiCode?: number) => ({
    projectId: 'shop',
    state: { projectId: 'shop', engine: 'up', services: [{ service: 'api', state: api, ...(apiCode === undefined ? {} : { exitCode: apiCode }), containers: [] }] },
  });

  it('stays quiet about exits after this app stopped or restarted the project, for a while', () => {
    const clock = { now: 0 };
    const t = setup(undefined, clock);
    t.emit('project.opened', summary);
    t.emit('state.changed', services('running'));
    t.controller.noteCall('stack.restart', { projectId: 'shop', services: ['api'] });
    t.emit('state.changed', services('exited', 137));
    expect(t.notices).toEqual([]);
    // Once the quiet period is over, the same exit is news again.
    t.emit('state.changed', services('running'));
    clock.now = 31_000;
    t.emit('state.changed', services('exited', 137));
    expect(t.notices.map((n) => n.title)).toEqual(['api exited with code 137']);
  });

  it('is not quieted by calls that do not stop anything, nor by calls for another project', () => {
    const t = setup(undefined);
    t.emit('project.opened', summary);
    t.emit('state.changed', services('running'));
    t.controller.noteCall('stack.up', { projectId: 'shop' });
    t.controller.noteCall('stack.down', { projectId: 'other' });
    t.emit('state.changed', services('exited', 1));
    expect(t.notices.map((n) => n.title)).toEqual(['api exited with code 1']);
  });
});
