// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoClient } from './fake-client';
import type { FakeClient } from './fake-client';
import type { LogLine } from '../../../shared/contract/logs';
import { fakeLayout, renderApp } from './render-app';

beforeAll(fakeLayout);
afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** One batch of log lines from the core, as the subscription sends it. */
function emitLines(client: FakeClient, batchId: number, lines: LogLine[]): void {
  act(() => client.emit('logs.batch', { subscriptionId: 'sub-1', batchId, lines }));
}

async function withLines() {
  const client = demoClient();
  const rendered = renderApp(client);
  await screen.findByText('healthy');
  await waitFor(() => expect(client.callsOf('logs.subscribe').length).toBeGreaterThan(0));
  emitLines(client, 1, [
    { service: 'db', stream: 'stdout', text: 'db: ready to accept connections', ts: 1 },
    { service: 'web', stream: 'stdout', text: '\u001b[32mGET /\u001b[0m 200', ts: 2 },
    { service: 'web', stream: 'stderr', text: 'GET /missing 404', ts: 3 },
  ]);
  await screen.findByText('db: ready to accept connections');
  return { client, ...rendered };
}

// jsdom and userEvent are slow on a busy machine: generous limits, no sleeps.
describe('the logs view', { timeout: 30_000 }, () => {
  it('shows merged lines with service tags and ANSI colours, and acknowledges the batch', async () => {
    const { client } = await withLines();
    expect(screen.getByText('GET /').className).toBe('ansi-green-fg');
    await waitFor(() => expect(client.callsOf('logs.ack')).toEqual([{ subscriptionId: 'sub-1', batchId: 1 }]));
  });

  it('finds lines with "Search logs", counts matches, and reports a bad regex', async () => {
    await withLines();
    const search = screen.getByRole('searchbox', { name: 'Search logs' });
    expect(search.getAttribute('type')).toBe('search');
    await userEvent.type(search, 'get');
    expect(screen.getByTestId('match-count').textContent).toBe('2 of 2');
    await userEvent.click(screen.getByRole('button', { name: 'Previous match' }));
    expect(screen.getByTestId('match-count').textContent).toBe('1 of 2');
    await userEvent.click(screen.getByRole('button', { name: 'Regular expression' }));
    await userEvent.clear(search);
    await userEvent.type(search, '40(4');
    expect(screen.getByTestId('match-count').textContent).toMatch(/Invalid regular expression/);
  });

  it('filters to one service, pauses and jumps to latest', async () => {
    await withLines();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Service' }), 'web');
    expect(screen.queryByText('db: ready to accept connections')).toBeNull();
    expect(screen.getByText('GET /missing 404')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await userEvent.click(screen.getByRole('button', { name: 'Jump to latest' }));
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
  });

  it('filters a scaled service to all its replicas’ lines (web-1, web-2), not another service’s', async () => {
    const { client } = await withLines();
    emitLines(client, 2, [
      { service: 'web-1', stream: 'stdout', text: 'replica one says hi', ts: 4 },
      { service: 'web-2', stream: 'stdout', text: 'replica two says hi', ts: 5 },
      { service: 'webhook', stream: 'stdout', text: 'another service', ts: 6 },
    ]);
    await screen.findByText('replica two says hi');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Service' }), 'web');
    expect(screen.getByText('replica one says hi')).toBeTruthy();
    expect(screen.getByText('replica two says hi')).toBeTruthy();
    expect(screen.queryByText('another service')).toBeNull();
    expect(screen.queryByText('db: ready to accept connections')).toBeNull();
  });

  it('focuses the search with Ctrl+F and opens the command palette with Ctrl+K', async () => {
    const { client } = await withLines();
    client.answerTask('stack.restart');
    await userEvent.keyboard('{Control>}f{/Control}');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search logs' }));
    await userEvent.keyboard('{Control>}k{/Control}');
    const command = await screen.findByRole('combobox', { name: 'Command' });
    await userEvent.type(command, 'restart web{Enter}');
    expect(client.callsOf('stack.restart')).toEqual([{ projectId: 'demo', services: ['web'] }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
