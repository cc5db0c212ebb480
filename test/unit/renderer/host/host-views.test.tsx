// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoresContext } from '../../../../renderer/src/app-context';
import { createLogsStore } from '../../../../renderer/src/logs/logs-store';
import { createAppStore } from '../../../../renderer/src/store/app-store';
import { FirstRun } from '../../../../renderer/src/views/host/FirstRun';
import { HostPanel } from '../../../../renderer/src/views/host/HostPanel';
import { FakeClient } from '../fake-client';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function renderWith(client: FakeClient, node: ReactNode) {
  const stores = { app: createAppStore(client), logs: createLogsStore(client, { frame: (cb) => setTimeout(cb, 0), minFlushMs: 0 }) };
  return { stores, ...render(<StoresContext.Provider value={stores}>{node}</StoresContext.Provider>) };
}

const running = {
  host: { url: 'unix:///Users/dev/.colima/default/docker.sock', source: 'context colima', tls: false, context: 'colima' },
  reachable: true,
  engine: { version: '27.4.0', apiVersion: '1.47', os: 'linux', arch: 'arm64', cpus: 4, memoryBytes: 8 * 1024 ** 3, operatingSystem: 'Ubuntu 24.04.1 LTS' },
  provider: { name: 'colima', title: 'Colima (default)', canStart: false, canStop: true },
};
const down = {
  host: { url: 'unix:///Users/dev/.colima/default/docker.sock', source: 'context colima', tls: false },
  reachable: false,
  error: { code: 'docker_not_running', message: 'Cannot reach the Docker engine at unix:///Users/dev/.colima/default/docker.sock (from context colima): connection refused', hint: 'Start your Docker VM' },
  provider: { name: 'colima', title: 'Colima (default)', canStart: true, canStop: false },
};
const candidates = [
  { name: 'colima', kind: 'provider', title: 'Colima (default)', url: 'unix:///Users/dev/.colima/default/docker.sock', state: 'stopped', current: true, canStart: true, canStop: false, startCommand: 'colima start' },
  { name: 'context:remote', kind: 'context', title: 'Docker context remote', url: 'tcp://build.example.com:2376', state: 'running', current: false, canStart: false, canStop: false },
];

/** Answers a task call and finishes it with progress, as the core does. */
function taskAnswer(client: FakeClient, name: string, taskId: string, then: () => void = () => undefined) {
  client.answer(name, () => {
    setTimeout(() => {
      client.emit('task.progress', { taskId, kind: name, message: 'Starting Colima (default) (colima start)…' });
      then();
      client.emit('task.done', { taskId, kind: name, ok: true });
    }, 0);
    return { ok: true, value: { taskId } };
  });
}

describe('the Host panel', () => {
  it('shows the host, engine version, CPUs and memory, and stops the VM', async () => {
    const client = new FakeClient().answer('host.status', { ok: true, value: running });
    taskAnswer(client, 'host.stop', 't1');
    renderWith(client, <HostPanel />);
    expect(await screen.findByText('Running')).toBeTruthy();
    expect(screen.getByText(/Docker 27\.4\.0 \(API 1\.47\)/)).toBeTruthy();
    expect(screen.getByText('8.0 GiB')).toBeTruthy();
    expect(screen.getByText('4')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Stop Colima (default)' }));
    expect(client.callsOf('host.stop')).toEqual([{ name: 'colima' }]);
  });

  it('says why the engine is not reachable, starts it with progress, switches host', async () => {
    let started = false;
    const client = new FakeClient()
      .answer('host.status', () => ({ ok: true, value: started ? running : down }))
      .answer('host.list', { ok: true, value: candidates })
      .answer('host.switch', { ok: true, value: { ...running, host: { url: 'tcp://build.example.com:2376', source: '--host', tls: true } } });
    let release: () => void = () => undefined;
    client.answer('host.start', () => {
      setTimeout(() => client.emit('task.progress', { taskId: 't2', kind: 'host.start', message: 'Waiting for the engine to answer…' }), 0);
      release = () => {
        started = true;
        client.emit('task.done', { taskId: 't2', kind: 'host.start', ok: true });
      };
      return { ok: true, value: { taskId: 't2' } };
    });
    renderWith(client, <HostPanel />);
    expect(await screen.findByText(/connection refused/)).toBeTruthy();
    expect(screen.getByText('Start your Docker VM')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Start Colima (default)' }));
    expect(await screen.findByText('Waiting for the engine to answer…')).toBeTruthy();
    act(() => release());
    expect(await screen.findByText('Running')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Switch host…' }));
    const list = await screen.findByRole('list', { name: 'Docker hosts' });
    await userEvent.click(within(list).getByRole('button', { name: 'Use' }));
    expect(client.callsOf('host.switch')).toEqual([{ name: 'context:remote' }]);
  });

  it('keeps a failed start on screen with its hint', async () => {
    const client = new FakeClient().answer('host.status', { ok: true, value: down });
    client.answer('host.start', () => {
      setTimeout(() => client.emit('task.done', { taskId: 't3', kind: 'host.start', ok: false, error: { code: 'host_command_failed', message: 'Starting Colima (default) failed: `colima start` exited with 1', hint: 'Run `colima start` in a terminal' } }), 0);
      return { ok: true, value: { taskId: 't3' } };
    });
    renderWith(client, <HostPanel />);
    await userEvent.click(await screen.findByRole('button', { name: 'Start Colima (default)' }));
    expect(await screen.findByText(/colima start` exited with 1/)).toBeTruthy();
    expect(screen.getByText('Run `colima start` in a terminal')).toBeTruthy();
  });
});

describe('the first-run flow', () => {
  it('goes host → folder → doctor (with a fix) → open and up', async () => {
    let fixed = false;
    let opened = false;
    const shop = { projectId: 'shop', name: 'shop', workingDir: '/src/shop', configFiles: [], profiles: [], services: ['web'], warnings: [] };
    const checks = () => [
      { id: 'engine.reachable', title: 'Docker engine reachable', status: 'ok', message: 'Docker 27.4.0 (API 1.47)' },
      { id: 'project.compose', title: 'Compose file valid', status: 'ok', message: 'compose.yaml: 1 service(s) (web)' },
      fixed
        ? { id: 'project.env', title: 'Required variables set (.env.example)', status: 'ok', message: 'Every key of .env.example is set' }
        : { id: 'project.env', title: 'Required variables set (.env.example)', status: 'fail', message: 'There is no .env; missing 1 key(s) of .env.example: SECRET_KEY', fix: { kind: 'action', actionId: 'env.create-from-example', label: 'Create .env from .env.example' } },
      { id: 'project.ports', title: 'Published ports free', status: 'warn', message: 'x', fix: { kind: 'command', command: "ss -ltnp 'sport = :8080'" } },
    ];
    const client = new FakeClient()
      .answer('host.status', { ok: true, value: running })
      .answer('projects.list', () => ({ ok: true, value: opened ? [shop] : [] }))
      .answer('projects.open', () => {
        opened = true;
        return { ok: true, value: shop };
      })
      .answer('doctor.run', () => ({ ok: true, value: { checks: checks(), summary: { ok: 2, warn: 1, fail: fixed ? 0 : 1 } } }))
      .answer('doctor.fix', () => {
        fixed = true;
        return { ok: true, value: { done: true, message: 'Wrote 1 key(s) from .env.example to .env: SECRET_KEY — check their values' } };
      })
      .answer('stack.up', { ok: true, value: { taskId: 'up-1' } });
    const { stores } = renderWith(client, <FirstRun />);

    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await userEvent.type(screen.getByLabelText('The folder with your compose.yaml'), '/src/shop');
    await userEvent.click(screen.getByRole('button', { name: 'Check it' }));
    expect(await screen.findByText(/There is no \.env/)).toBeTruthy();
    expect(client.callsOf('doctor.run')).toEqual([{ path: '/src/shop' }]);
    expect(screen.getByText("ss -ltnp 'sport = :8080'")).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Continue with 1 failing' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Create .env from .env.example' }));
    expect(await screen.findByText(/Wrote 1 key/)).toBeTruthy();
    expect(client.callsOf('doctor.fix')).toEqual([{ checkId: 'project.env', path: '/src/shop' }]);
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    expect(screen.getByText(/Docker 27\.4\.0 at unix:/)).toBeTruthy();
    expect(screen.getByText('/src/shop')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Open and Up' }));
    await vi.waitFor(() => expect(stores.app.getState().currentId).toBe('shop'));
    expect(client.callsOf('projects.open')).toEqual([{ path: '/src/shop' }]);
    await vi.waitFor(() => expect(client.callsOf('stack.up')).toEqual([{ projectId: 'shop' }]));
  });

  it('will not go on without a compose file, and lets you pick another folder', async () => {
    const client = new FakeClient()
      .answer('host.status', { ok: true, value: running })
      .answer('doctor.run', {
        ok: true,
        value: { checks: [{ id: 'project.compose', title: 'Compose file valid', status: 'fail', message: 'no compose file found in /tmp or its parents' }], summary: { ok: 0, warn: 0, fail: 1 } },
      });
    renderWith(client, <FirstRun />);
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await userEvent.type(screen.getByLabelText('The folder with your compose.yaml'), '/tmp');
    await userEvent.click(screen.getByRole('button', { name: 'Check it' }));
    expect(await screen.findByText(/no compose file found/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Continue with 1 failing' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Choose another folder' }));
    expect((screen.getByLabelText('The folder with your compose.yaml') as HTMLInputElement).value).toBe('/tmp');
  });

  it('without an engine lists the hosts to start and does not go on', async () => {
    const client = new FakeClient().answer('host.status', { ok: true, value: down }).answer('host.list', { ok: true, value: candidates });
    renderWith(client, <FirstRun />);
    expect(await screen.findByText(/connection refused/)).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Docker hosts' });
    expect(within(list).getByText('Colima (default)')).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'Start' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
  });

  it('stays folded for someone who has opened projects before', async () => {
    // The recent list is the one in settings, as the core keeps it.
    const client = new FakeClient()
      .answer('host.status', { ok: true, value: running })
      .answer('settings.get', { ok: true, value: { recentProjects: [{ name: 'shop', path: '/src/shop', openedAt: '2026-01-01T00:00:00.000Z' }] } });
    const { stores } = renderWith(client, <FirstRun />);
    await act(() => stores.app.getState().loadRecent());
    await userEvent.click(await screen.findByRole('button', { name: 'Set up a project step by step…' }));
    expect(await screen.findByRole('heading', { name: 'Get a project running' })).toBeTruthy();
  });
});
