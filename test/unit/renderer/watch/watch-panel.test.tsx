// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { StoresContext } from '../../../../renderer/src/app-context';
import { createLogsStore } from '../../../../renderer/src/logs/logs-store';
import { createAppStore } from '../../../../renderer/src/store/app-store';
import { WatchPanel } from '../../../../renderer/src/views/watch/WatchPanel';
import { FakeClient } from '../fake-client';

afterEach(cleanup);

function renderWith(client: FakeClient, node: ReactNode) {
  const stores = { app: createAppStore(client), logs: createLogsStore(client, { frame: (cb) => setTimeout(cb, 0), minFlushMs: 0 }) };
  return render(<StoresContext.Provider value={stores}>{node}</StoresContext.Provider>);
}

const idle = { projectId: 'demo', watching: false, reloads: [] };
const watching = { projectId: 'demo', watching: true, services: ['web', 'worker'], paths: ['/src/demo/src'], readyMs: 41 };

function reload(service: string, extra: Record<string, unknown> = {}) {
  return { projectId: 'demo', service, action: 'sync+restart', files: ['src/app.py'], fileCount: 1, latencyMs: 142, ok: true, at: Date.now(), ...extra };
}

describe('the Watch panel', () => {
  it('switches watching on and shows each service\'s last reload as it happens', async () => {
    const client = new FakeClient().answer('watch.status', { ok: true, value: idle }).answer('watch.start', { ok: true, value: watching });
    renderWith(client, <WatchPanel projectId="demo" />);
    const toggle = await screen.findByRole('switch', { name: 'Watch files' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    await userEvent.click(toggle);
    expect(client.callsOf('watch.start')).toEqual([{ projectId: 'demo' }]);
    expect(await screen.findByText('Watching files')).toBeTruthy();
    expect(screen.getByText('web')).toBeTruthy();
    act(() => client.emit('watch.reload', reload('web')));
    expect(screen.getByTestId('watch-last-web').textContent).toBe('reloaded in 142 ms');
    expect(screen.getByText('synced 1 file, restarted in 142 ms')).toBeTruthy();
    act(() => client.emit('watch.reload', reload('other-project', { projectId: 'else' })));
    expect(screen.queryByText('other-project')).toBeNull();
  });

  it('shows a failed reload with its hint, and a watcher error', async () => {
    const client = new FakeClient().answer('watch.status', {
      ok: true,
      value: { ...watching, error: { message: 'The system limit on watched files is exhausted', hint: 'Raise it: sudo sysctl fs.inotify.max_user_watches=524288' }, reloads: [reload('web', { ok: false, action: 'sync', error: { message: 'The sync target /app is not writable in the container', hint: 'Make the target writable' } })] },
    });
    renderWith(client, <WatchPanel projectId="demo" />);
    expect(await screen.findByText('reload failed')).toBeTruthy();
    expect(screen.getByText('The sync target /app is not writable in the container')).toBeTruthy();
    expect(screen.getByText('Make the target writable')).toBeTruthy();
    expect(screen.getByText(/sudo sysctl fs\.inotify\.max_user_watches=524288/)).toBeTruthy();
  });

  it("shows what a sync+exec command printed, with its exit code when it failed, and Compose's warnings", async () => {
    const client = new FakeClient().answer('watch.status', { ok: true, value: { ...watching, warnings: ['x-initialSync is DEPRECATED, please use the official `initial_sync` attribute'], reloads: [] } });
    renderWith(client, <WatchPanel projectId="demo" />);
    await screen.findByText('Watching files');
    expect(screen.getByRole('note').textContent).toBe('warning: x-initialSync is DEPRECATED, please use the official `initial_sync` attribute');
    const exec = { container: 'demo-web-1', command: ['npm', 'run', 'reload'], exitCode: 2, output: 'compiling\nMissing script' };
    act(() => client.emit('watch.reload', reload('web', { action: 'sync+exec', ok: false, error: { message: 'npm run reload exited with 2 in demo-web-1: Missing script' }, exec: [exec] })));
    const output = screen.getByLabelText('Output of npm run reload in demo-web-1');
    expect(output.textContent).toBe('compiling\nMissing script\nnpm run reload exited with 2 in demo-web-1');
  });

  it('says what went wrong when watching cannot start', async () => {
    const client = new FakeClient()
      .answer('watch.status', { ok: true, value: idle })
      .answer('watch.start', { ok: false, error: { code: 'watch_no_rules', message: 'Nothing to watch in project demo', hint: 'Add a develop.watch section to a service' } });
    renderWith(client, <WatchPanel projectId="demo" />);
    await userEvent.click(await screen.findByRole('switch', { name: 'Watch files' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByText('Add a develop.watch section to a service')).toBeTruthy();
    expect((screen.getByRole('switch', { name: 'Watch files' }) as HTMLInputElement).checked).toBe(false);
  });
});
