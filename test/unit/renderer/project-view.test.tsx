// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoClient, demoState, FakeClient } from './fake-client';
import { fakeLayout, renderApp } from './render-app';
import { projectPanels } from '../../../renderer/src/views/panels';

beforeAll(fakeLayout);
afterEach(() => {
  cleanup();
  localStorage.clear();
});

// jsdom and userEvent are slow on a busy machine: generous limits, no sleeps.
describe('the project view', { timeout: 30_000 }, () => {
  it('shows name, path, host status and a table row per service with its state word', async () => {
    renderApp(demoClient());
    expect(await screen.findByRole('heading', { name: 'demo' })).toBeTruthy();
    expect(screen.getByText('/src/demo')).toBeTruthy();
    const table = screen.getByRole('table');
    await within(table).findByText('healthy');
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.getAttribute('data-service')).filter(Boolean)).toEqual(['db', 'web', 'migrate']);
    expect(within(table).getByText('completed')).toBeTruthy();
    expect(within(rows.find((r) => r.getAttribute('data-service') === 'web')!).getByText('after db')).toBeTruthy();
    expect(within(table).getAllByText(/^1m \d+s$/).length).toBeGreaterThan(0);
    expect(screen.getByTestId('host-status').textContent).toContain('connected');
    const link = within(table).getByRole('link', { name: '18080→8080' });
    expect(link.getAttribute('href')).toBe('http://127.0.0.1:18080/');
  });

  it('links each running service at its name through the service proxy', async () => {
    const client = demoClient().answer('proxy.urls', { ok: true, value: { port: 7380, running: true, urls: [{ service: 'web', containerPort: 8080, url: 'http://web.demo.localhost:7380/' }] } });
    renderApp(client);
    const table = await screen.findByRole('table');
    const link = await within(table).findByRole('link', { name: 'web.demo.localhost:7380' });
    expect(link.getAttribute('href')).toBe('http://web.demo.localhost:7380/');
    expect(link.closest('tr')?.getAttribute('data-service')).toBe('web');
    expect(client.callsOf('proxy.urls')).toContainEqual({ projectId: 'demo' });
  });

  it('opens a service in VS Code or a terminal, and says what to install when the program is missing', async () => {
    const client = demoClient()
      .answer('services.openIn', { ok: true, value: { program: 'VS Code', opened: 'attached to container demo-web-1' } });
    renderApp(client);
    await screen.findByText('healthy');
    await userEvent.click(screen.getByRole('button', { name: 'Open web in VS Code' }));
    expect(await screen.findByText('VS Code: attached to container demo-web-1')).toBeTruthy();
    expect(client.callsOf('services.openIn')).toEqual([{ projectId: 'demo', service: 'web', target: 'editor' }]);
    client.answer('services.openIn', { ok: false, error: { code: 'program_missing', message: 'No terminal program was found', hint: 'Install one (gnome-terminal, konsole, xterm…) or set $TERMINAL to yours, then try again.' } });
    await userEvent.click(screen.getByRole('button', { name: 'Open web in Terminal' }));
    const row = screen.getByRole('table').querySelector('tr[data-service="web"]');
    const alert = await within(row as HTMLElement).findByRole('alert');
    expect(alert.textContent).toContain('set $TERMINAL');
  });

  it('has stack buttons named exactly Up, Down and Restart, and shows a failure with its hint', async () => {
    const client = demoClient().answer('stack.up', { ok: false, error: { code: 'engine_down', message: 'Docker is not reachable at unix:///var/run/docker.sock', hint: 'Start Docker, then press Up again.' } });
    renderApp(client);
    await screen.findByRole('heading', { name: 'demo' });
    for (const name of ['Up', 'Down', 'Restart']) expect(screen.getByRole('button', { name })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Up' }));
    const alert = await within(screen.getByRole('region', { name: 'Project' })).findByRole('alert');
    expect(alert.textContent).toContain('Docker is not reachable');
    expect(alert.textContent).toContain('Start Docker, then press Up again.');
    expect(client.callsOf('stack.up')).toEqual([{ projectId: 'demo' }]);
  });

  it('runs per-service actions and updates live from the state feed', async () => {
    const client = demoClient().answerTask('stack.restart');
    renderApp(client);
    await screen.findByText('healthy');
    await userEvent.click(screen.getByRole('button', { name: 'Restart web' }));
    expect(client.callsOf('stack.restart')).toEqual([{ projectId: 'demo', services: ['web'] }]);
    act(() => client.emit('state.changed', { projectId: 'demo', state: demoState({ db: 'unhealthy', web: 'exited', migrate: 'completed' }) }));
    expect(screen.getByTestId('state-db').textContent).toBe('unhealthy');
    expect(screen.getByTestId('state-web').textContent).toBe('exited (3)');
  });

  it('shows the projects screen when nothing is open, with the open error and its hint', async () => {
    const client = new FakeClient()
      .answer('projects.list', { ok: true, value: [] })
      .answer('projects.open', { ok: false, error: { code: 'no_project', message: 'No compose file found in /tmp/x', hint: 'Choose a folder that has a compose.yaml.' } });
    renderApp(client);
    const form = await screen.findByRole('form', { name: 'Open a project' });
    await userEvent.type(within(form).getByLabelText('Open a folder with a compose.yaml'), '/tmp/x');
    await userEvent.click(within(form).getByRole('button', { name: 'Open' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Choose a folder that has a compose.yaml.');
    expect(screen.getByText('No recent projects')).toBeTruthy();
  });

  it('offers the native folder picker where the desktop bridge has one', async () => {
    const client = new FakeClient()
      .answer('projects.list', { ok: true, value: [] })
      .answer('projects.open', { ok: false, error: { code: 'x', message: 'nothing there' } });
    renderApp(client, { platform: 'linux', pickFolder: async () => '/picked/folder' });
    const form = await screen.findByRole('form', { name: 'Open a project' });
    await userEvent.click(within(form).getByRole('button', { name: 'Choose folder…' }));
    await within(form).findByRole('alert');
    expect(client.callsOf('projects.open')).toEqual([{ path: '/picked/folder' }]);
  });

  it('keeps working when another room\'s panel throws', async () => {
    const Broken = () => {
      throw new Error('boom');
    };
    projectPanels.push({ id: 'broken', title: 'Broken', Component: Broken });
    try {
      renderApp(demoClient());
      const panel = await screen.findByRole('region', { name: 'Broken' });
      expect((await within(panel).findByRole('alert')).textContent).toContain('The Broken panel failed: boom');
      expect(screen.getByRole('button', { name: 'Up' })).toBeTruthy();
      expect(await screen.findByTestId('state-db')).toBeTruthy();
    } finally {
      projectPanels.pop();
    }
  });
});
