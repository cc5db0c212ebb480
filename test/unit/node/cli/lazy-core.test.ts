import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LazyCore } from '../../../../electron/cli/lazy-core';
import { createClient } from '../../../../shared/client';

/**
 * The CLI's core, loaded on the first call: a subscription made before it is loaded still gets
 * the events of the first call (it is attached before the call runs), and can be undone.
 */
describe('LazyCore: the in-process core loaded on first use', () => {
  let dir: string;
  let lazy: LazyCore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'slipway-lazy-core-'));
    lazy = new LazyCore({ env: { SLIPWAY_CONFIG_DIR: dir } });
  });
  afterEach(async () => {
    await lazy.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the first call’s events to a listener subscribed before the core was loaded', async () => {
    const client = createClient(lazy.transport());
    const themes: string[] = [];
    client.on('settings.changed', (settings) => themes.push(settings.theme));
    const dropped: string[] = [];
    const undo = client.on('settings.changed', (settings) => dropped.push(settings.theme));
    undo();
    const updated = await client.call('settings.update', { theme: 'dark' });
    expect(updated.theme).toBe('dark');
    expect(themes).toEqual(['dark']);
    expect(dropped).toEqual([]);
    await client.call('settings.update', { theme: 'light' });
    expect(themes).toEqual(['dark', 'light']);
  }, 60_000);
});
