// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { StoresContext } from '../../../../renderer/src/app-context';
import { createLogsStore } from '../../../../renderer/src/logs/logs-store';
import { createAppStore } from '../../../../renderer/src/store/app-store';
import { SharesPanel } from '../../../../renderer/src/views/shares/SharesPanel';
import { FakeClient } from '../fake-client';

afterEach(cleanup);

function renderWith(client: FakeClient, node: ReactNode) {
  const stores = { app: createAppStore(client), logs: createLogsStore(client, { frame: (cb) => setTimeout(cb, 0), minFlushMs: 0 }) };
  return render(<StoresContext.Provider value={stores}>{node}</StoresContext.Provider>);
}

const unreachable = { service: 'web', source: '/src/demo/www', target: '/www', mode: 'sync' as const, why: 'unreachable' as const, reaches: false, reason: 'the engine runs on another host (tcp://build:2376): it cannot see this machine\'s folders', volume: 'demo_sync_web_www' };
const bind = { service: 'api', source: '/src/demo/api', target: '/app', mode: 'bind' as const, reaches: true };

describe('the File shares panel', () => {
  it('says which folders reach the engine, and follows a synchronized one\'s fill and changes', async () => {
    const client = new FakeClient().answer('shares.status', { ok: true, value: { projectId: 'demo', mounts: [bind, unreachable] } });
    renderWith(client, <SharesPanel projectId="demo" />);
    expect(await screen.findByText('Bind mount: reaches the engine')).toBeTruthy();
    expect(screen.getByText(/^Synchronized into demo_sync_web_www: the engine runs on another host/)).toBeTruthy();
    expect(screen.getByText('not filled yet (up fills it)')).toBeTruthy();
    act(() => client.emit('shares.changed', { projectId: 'demo', mounts: [bind, { ...unreachable, files: 12, bytes: 3 * 1024, lastChangeAt: Date.UTC(2026, 0, 1, 12, 0, 0), lagMs: 85 }] }));
    expect(screen.getByText(/^12 entries, 3\.0 KiB · last change .* · lag 85 ms$/)).toBeTruthy();
    act(() => client.emit('shares.changed', { projectId: 'demo', mounts: [bind, { ...unreachable, error: 'service web: cannot read /src/demo/www/key.pem (EACCES)' }] }));
    expect(screen.getByRole('alert').textContent).toBe('service web: cannot read /src/demo/www/key.pem (EACCES)');
    act(() => client.emit('shares.changed', { projectId: 'other', mounts: [] }));
    expect(screen.getByText('Bind mount: reaches the engine')).toBeTruthy();
  });
});
