import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/store/app-store';
import { connectFeeds } from '../../../renderer/src/store/feeds';
import { demoClient, demoState } from './fake-client';

describe('the app store', () => {
  it('loads the open projects and selects the first', async () => {
    const store = createAppStore(demoClient());
    await store.getState().loadProjects();
    expect(store.getState().currentId).toBe('demo');
    expect(store.getState().projectsLoaded).toBe(true);
  });

  it('reads the state snapshot, and shows a refused one as the services error', async () => {
    const client = demoClient();
    const store = createAppStore(client);
    await store.getState().loadProjects();
    await store.getState().refreshServices();
    expect(store.getState().services.migrate?.state).toBe('completed');
    expect(store.getState().host.status).toBe('up');

    const refused = demoClient().answer('state.snapshot', { ok: false, error: { code: 'engine_unreachable', message: 'Cannot reach the Docker engine' } });
    const failing = createAppStore(refused);
    await failing.getState().loadProjects();
    await failing.getState().refreshServices();
    expect(failing.getState().servicesError?.code).toBe('engine_unreachable');
  });

  it('keeps Up busy until its task is done, and shows a failed task where it happened', async () => {
    let started: () => void = () => undefined;
    const upCalled = new Promise<void>((resolve) => (started = resolve));
    const client = demoClient().answer('stack.up', () => {
      started();
      return { ok: true, value: { taskId: 't1' } };
    });
    const store = createAppStore(client);
    const off = connectFeeds(store);
    await store.getState().loadProjects();
    const acting = store.getState().stackAction('up');
    expect(store.getState().stackBusy).toBe('up');
    await upCalled;
    expect(store.getState().stackBusy).toBe('up');
    client.emit('task.done', { taskId: 't1', kind: 'stack.up', ok: false, error: { code: 'unhealthy', message: 'db is unhealthy', hint: 'Look at its logs.' } });
    await acting;
    expect(store.getState().stackBusy).toBeUndefined();
    expect(store.getState().stackError).toEqual({ code: 'unhealthy', message: 'db is unhealthy', hint: 'Look at its logs.' });
    off();
  });

  it('handles a task.done that arrives before the call answers', async () => {
    const client = demoClient();
    client.answer('stack.down', () => {
      client.emit('task.done', { taskId: 't2', kind: 'stack.down', ok: true });
      return { ok: true, value: { taskId: 't2' } };
    });
    const store = createAppStore(client);
    const off = connectFeeds(store);
    await store.getState().loadProjects();
    await store.getState().stackAction('down');
    expect(store.getState().stackBusy).toBeUndefined();
    off();
  });

  it('keeps a service action error on that service, with its hint (the restart task failed)', async () => {
    const client = demoClient().answerTask('stack.restart', { ok: false, error: { code: 'x', message: 'web failed to start', hint: 'Check its command.' } });
    const store = createAppStore(client);
    await store.getState().loadProjects();
    await store.getState().serviceAction('web', 'restart');
    expect(client.callsOf('stack.restart')).toEqual([{ projectId: 'demo', services: ['web'] }]);
    expect(store.getState().serviceErrors.web?.hint).toBe('Check its command.');
    expect(store.getState().serviceBusy.web).toBeUndefined();
  });

  it('follows the state feed and engine status events', async () => {
    const client = demoClient();
    const store = createAppStore(client);
    const off = connectFeeds(store);
    await store.getState().loadProjects();
    client.emit('state.changed', { projectId: 'demo', state: demoState({ db: 'unhealthy', web: 'starting' }) });
    expect(store.getState().services.db?.state).toBe('unhealthy');
    client.emit('state.changed', { projectId: 'other', state: demoState({ db: 'stopped' }) });
    expect(store.getState().services.db?.state).toBe('unhealthy');
    client.emit('engine.status', { status: 'down', message: 'connection refused' });
    expect(store.getState().host).toEqual({ status: 'down', message: 'connection refused' });
    off();
  });

  it('opens a project by path, or keeps the error with its hint', async () => {
    const client = demoClient().answer('projects.open', (input) =>
      (input as { path: string }).path === '/nope'
        ? { ok: false, error: { code: 'no_project', message: 'No compose file in /nope', hint: 'Pick a folder with a compose.yaml.' } }
        : { ok: true, value: { projectId: 'other', name: 'other', workingDir: '/src/other', configFiles: [], profiles: [], services: [], warnings: [] } },
    );
    const store = createAppStore(client);
    expect(await store.getState().openProject('/nope')).toBe(false);
    expect(store.getState().openError?.hint).toBe('Pick a folder with a compose.yaml.');
    expect(await store.getState().openProject('/src/other')).toBe(true);
    expect(store.getState().currentId).toBe('other');
  });

  it('navigates when the desktop shell asks (tray, notifications)', async () => {
    const client = demoClient();
    const store = createAppStore(client);
    const off = connectFeeds(store);
    await store.getState().loadProjects();
    client.emit('desktop.navigate', { view: 'terminal', projectId: 'demo', service: 'web' });
    expect(store.getState().terminalService).toBe('web');
    client.emit('desktop.navigate', { view: 'logs', projectId: 'demo', service: 'db' });
    expect(store.getState().logService).toBe('db');
    client.emit('desktop.navigate', { view: 'open-project' });
    expect(store.getState().currentId).toBeUndefined();
    off();
  });
});
