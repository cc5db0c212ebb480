import { describe, expect, it } from 'vitest';
import { MemorySettingsBackend } from '../../../../electron/core/settings/backend';
import { SlipwayCore } from '../../../../electron/core/slipway-core';
import type { HostStatus } from '../../../../shared/contract/host';
import { SlipwayError } from '../../../../shared/errors';

const status: HostStatus = { host: { url: 'unix:///run/docker.sock', source: 'default', tls: false }, reachable: true };

/** A core without Docker: settings in memory; host.start replaced by work that needs no engine. */
function core(work: (progress: (message: string) => void, signal: AbortSignal) => Promise<unknown>): SlipwayCore {
  const c = new SlipwayCore({ env: {}, settings: new MemorySettingsBackend() });
  c.handlers['host.start'] = async (input) => ({
    taskId: c.tasks.start('host.start', async (task) => work((message) => task.progress({ message, subject: input.name }), task.signal)),
  });
  return c;
}

describe('the contract client in process (SlipwayCore.client)', () => {
  it('answers calls through the dispatch, typed', async () => {
    const settings = await core(async () => status).client().call('settings.update', { theme: 'dark' });
    expect(settings.theme).toBe('dark');
  });

  it('throws the dispatch\'s refusal as a SlipwayError', async () => {
    const error: unknown = await core(async () => status).client().call('settings.update', { theme: 'pink' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error).toMatchObject({ code: 'invalid_input' });
  });

  it('runs a task: progress emitted before the call answered is kept, the result is the contract\'s', async () => {
    const c = core(async (progress) => {
      // Emitted synchronously while tasks.start runs, before the call's answer.
      progress('booting the VM');
      return { ...status, extra: 'dropped by the contract' };
    });
    const seen: string[] = [];
    const result = await c.client().runTask('host.start', { name: 'colima' }, (p) => seen.push(`${p.subject}: ${p.message}`));
    expect(seen).toEqual(['colima: booting the VM']);
    expect(result).toEqual(status);
  });

  it('rejects with the task\'s error, and with `internal` when the result breaks the contract', async () => {
    const failing = core(async () => {
      throw new SlipwayError('host_start_failed', 'colima did not start', 'Run `colima start` to see why.');
    });
    await expect(failing.client().runTask('host.start', { name: 'colima' })).rejects.toMatchObject({ code: 'host_start_failed', hint: 'Run `colima start` to see why.' });
    const wrong = core(async () => ({ reachable: 'yes' }));
    await expect(wrong.client().runTask('host.start', { name: 'colima' })).rejects.toMatchObject({ code: 'internal' });
  });

  it('cancels a running task through tasks.cancel', async () => {
    // Work that ends only when its signal aborts, as real tasks do.
    const c = core((_progress, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))));
    const abort = new AbortController();
    const running = c.client().runTask('host.start', { name: 'colima' }, undefined, { signal: abort.signal, onStarted: () => abort.abort() });
    await expect(running).rejects.toMatchObject({ name: 'SlipwayError', code: 'cancelled' });
  });
});
