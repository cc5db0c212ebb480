// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoClient, demoState } from './fake-client';
import type { ContainerState } from '../../../shared/model/state';
import { fakeLayout, renderApp } from './render-app';

// xterm.js needs a canvas jsdom lacks: the terminal's attach step is replaced by one that records its target.
const attached = vi.hoisted(() => [] as unknown[]);
vi.mock('../../../renderer/src/views/terminal/attach-terminal', () => ({
  attachTerminal: (_host: unknown, _client: unknown, target: unknown) => {
    attached.push(target);
    return () => undefined;
  },
}));

beforeAll(fakeLayout);
afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** The demo state with web scaled to three replicas, each in its own state. */
function scaledState() {
  const state = demoState();
  const first = state.services.find((s) => s.service === 'web')?.containers[0];
  if (!first) throw new Error('the demo state has no web container');
  const replicas: ContainerState[] = [
    { ...first, word: 'running' },
    { ...first, id: 'web-2-id', name: 'demo-web-2', number: 2, state: 'exited', exitCode: 1, word: 'exited', ports: [] },
    { ...first, id: 'web-3-id', name: 'demo-web-3', number: 3, word: 'running', ports: [{ target: 8080, published: 18082, hostIp: '127.0.0.1', protocol: 'tcp' }] },
  ];
  return { ...state, services: state.services.map((s) => (s.service === 'web' ? { ...s, containers: replicas } : s)) };
}

describe('a scaled service in the dashboard', { timeout: 30_000 }, () => {
  it('shows a row per replica with its own state and ports; restart and a shell act on that replica', async () => {
    const client = demoClient().answerTask('stack.restart');
    renderApp(client);
    const table = await screen.findByRole('table');
    await within(table).findByText('healthy');
    expect(within(table).getAllByRole('row').filter((r) => r.classList.contains('replica-row'))).toEqual([]);

    act(() => client.emit('state.changed', { projectId: 'demo', state: scaledState() }));
    const replicaRows = within(table).getAllByRole('row').filter((r) => r.getAttribute('data-replica'));
    expect(replicaRows.map((r) => r.getAttribute('data-replica'))).toEqual(['web-1', 'web-2', 'web-3']);
    expect(screen.getByTestId('state-web-2').textContent).toBe('exited (1)');
    expect(screen.getByTestId('state-web-3').textContent).toBe('running');
    expect(within(table).getByText('3 replicas')).toBeTruthy();
    expect(within(replicaRows[2]!).getByRole('link', { name: '18082→8080' }).getAttribute('href')).toBe('http://127.0.0.1:18082/');
    expect((screen.getByRole('button', { name: 'Shell in web-2' }) as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Restart web-3' }));
    await vi.waitFor(() => expect(client.callsOf('stack.restart')).toEqual([{ projectId: 'demo', services: ['web'], index: 3 }]));
    expect((screen.getByRole('button', { name: 'Start web-2' }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Stop web-2' }) as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Shell in web-3' }));
    expect(await screen.findByRole('region', { name: 'Terminal in web-3' })).toBeTruthy();
    await vi.waitFor(() => expect(attached).toEqual([{ projectId: 'demo', service: 'web', index: 3 }]));
  });
});
