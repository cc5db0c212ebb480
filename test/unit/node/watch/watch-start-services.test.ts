import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySettingsBackend } from '../../../../electron/core/settings/backend';
import { defaultSettings } from '../../../../electron/core/settings/migrations';
import { SlipwayCore } from '../../../../electron/core/slipway-core';

/** `slipway watch SERVICE…` reaches the core through watch.start: the services it names are the ones planned. */
describe('watch.start takes the services to watch', () => {
  let dir: string;
  let core: SlipwayCore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swwatch-'));
    writeFileSync(
      path.join(dir, 'compose.yaml'),
      'name: shop\nservices:\n  web:\n    image: busybox:latest\n    develop:\n      watch:\n        - path: ./src\n          action: sync\n          target: /app\n  db:\n    image: busybox:latest\n',
    );
    core = new SlipwayCore({ env: { DOCKER_HOST: `unix://${path.join(dir, 'no-engine.sock')}` }, settings: new MemorySettingsBackend(defaultSettings()) });
  });
  afterEach(async () => {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans only the services named (a service without rules is refused with what to do)', async () => {
    const client = core.client();
    await client.call('projects.open', { path: dir });
    await expect(client.call('watch.start', { projectId: 'shop', services: ['db'] })).rejects.toMatchObject({ code: 'watch_no_rules', message: expect.stringContaining('services db have') });
  });

  it('watch.plan says what would be watched, with Compose warnings, without watching', async () => {
    writeFileSync(path.join(dir, 'compose.yaml'), 'name: shop\nservices:\n  web:\n    image: busybox:latest\n    develop:\n      watch:\n        - path: ./src\n          action: sync\n          target: /app\n          x-initialSync: true\n  db:\n    image: busybox:latest\n');
    const client = core.client();
    await client.call('projects.open', { path: dir });
    expect(await client.call('watch.plan', { projectId: 'shop' })).toEqual({
      projectId: 'shop',
      services: ['web'],
      paths: [path.join(dir, 'src')],
      warnings: ['x-initialSync is DEPRECATED, please use the official `initial_sync` attribute'],
    });
    await expect(client.call('watch.plan', { projectId: 'shop', services: ['db'] })).rejects.toMatchObject({ code: 'watch_no_rules' });
    expect((await client.call('watch.status', { projectId: 'shop' })).watching).toBe(false);
  });
});
