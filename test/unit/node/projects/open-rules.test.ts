import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prefsFor, withDefaultProfiles } from '../../../../electron/core/projects/project-prefs';
import { MemorySettingsBackend } from '../../../../electron/core/settings/backend';
import { defaultSettings } from '../../../../electron/core/settings/migrations';
import { SlipwayCore } from '../../../../electron/core/slipway-core';

describe('per-project preferences', () => {
  const settings = { ...defaultSettings(), projects: { '/src/shop': { watch: true, profiles: ['debug'] } } };

  it('adds the default profiles when none were asked for', () => {
    expect(withDefaultProfiles({ path: '/src/shop' }, settings)).toEqual({ path: '/src/shop', profiles: ['debug'] });
    expect(withDefaultProfiles({ path: '/src/shop', profiles: [] }, settings)).toEqual({ path: '/src/shop', profiles: [] });
    expect(withDefaultProfiles({ path: '/src/blog' }, settings)).toEqual({ path: '/src/blog' });
    expect(prefsFor(settings, '/src/shop/')?.watch).toBe(true);
  });
});

/**
 * The rules of opening a project live in the core, so every shell gets them: whoever calls
 * projects.open (the window, the tray, serve, the CLI) gets the default profiles, the
 * watcher when the project asks for it, and the project on the one recent list.
 */
describe('projects.open applies the rules in the core', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swopen-'));
    writeFileSync(path.join(dir, 'compose.yaml'), 'name: shop\nservices:\n  web:\n    image: busybox:latest\n  debug:\n    image: busybox:latest\n    profiles: [debug]\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function coreWith(prefs: { watch: boolean; profiles: string[] } | undefined) {
    const settings = new MemorySettingsBackend({ ...defaultSettings(), projects: prefs ? { [dir]: prefs } : {} });
    const core = new SlipwayCore({ env: {}, settings });
    const watched: { projectId: string; clientId: string }[] = [];
    core.handlers['watch.start'] = async (input, ctx) => {
      watched.push({ projectId: input.projectId, clientId: ctx.clientId });
      return { projectId: input.projectId, watching: true };
    };
    return { core, watched };
  }

  it('opens with the default profiles and starts the watcher when the project asks for it', async () => {
    const { core, watched } = coreWith({ watch: true, profiles: ['debug'] });
    const opened = await core.client({ clientId: 'ws-1' }).call('projects.open', { path: dir });
    expect(opened.profiles).toEqual(['debug']);
    expect(opened.services.sort()).toEqual(['debug', 'web']);
    expect(watched).toEqual([{ projectId: 'shop', clientId: 'ws-1' }]);
  });

  it('keeps the profiles asked for, and starts no watcher unless asked', async () => {
    const { core, watched } = coreWith({ watch: false, profiles: ['debug'] });
    const opened = await core.client().call('projects.open', { path: dir, profiles: [] });
    expect(opened.services).toEqual(['web']);
    expect(watched).toEqual([]);
  });

  it('puts the project at the top of the one recent list in settings, and says so', async () => {
    const { core } = coreWith(undefined);
    const client = core.client();
    const changed: string[][] = [];
    client.on('settings.changed', (s) => changed.push(s.recentProjects.map((r) => r.path)));
    await client.call('projects.open', { path: dir });
    const settings = await client.call('settings.get', {});
    expect(settings.recentProjects.map((r) => ({ path: r.path, name: r.name }))).toEqual([{ path: dir, name: 'shop' }]);
    expect(changed).toEqual([[dir]]);
  });
});

/** What a command line gives projects.open: every global flag, services to enable, one command's open. */
describe('projects.open for a command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swcli-'));
    writeFileSync(path.join(dir, 'compose.yaml'), 'name: shop\nservices:\n  web:\n    image: busybox:latest\n    container_name: shop-app\n  debug:\n    image: busybox:latest\n    profiles: [debug]\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function core() {
    return new SlipwayCore({ env: {}, settings: new MemorySettingsBackend({ ...defaultSettings(), projects: { [dir]: { watch: false, profiles: ['debug'] } } }) });
  }

  it('enables the services it names, and a transient open keeps off the recent list and the preferences', async () => {
    const client = core().client();
    const opened = await client.call('projects.open', { path: dir, services: ['debug'], transient: true });
    expect(opened.services.sort()).toEqual(['debug', 'web']);
    expect(opened.profiles).toEqual(['debug']);
    const plain = await client.call('projects.open', { path: dir, transient: true });
    expect(plain.services).toEqual(['web']);
    expect((await client.call('settings.get', {})).recentProjects).toEqual([]);
  });

  it('opens by name alone with -p and orByName where there is no compose file; a broken file still fails', async () => {
    const client = core().client();
    const empty = mkdtempSync(path.join(os.tmpdir(), 'swempty-'));
    try {
      await expect(client.call('projects.open', { path: empty, projectName: 'shop', transient: true })).rejects.toMatchObject({ code: expect.stringMatching(/no_compose|not_found|no_config/) });
      const byName = await client.call('projects.open', { path: empty, projectName: 'shop', orByName: true, transient: true });
      expect(byName).toMatchObject({ projectId: 'shop', services: [], configFiles: [], byName: true });
      writeFileSync(path.join(empty, 'compose.yaml'), 'services: [oops\n');
      await expect(client.call('projects.open', { path: empty, projectName: 'shop', orByName: true, transient: true })).rejects.toMatchObject({ code: expect.not.stringMatching(/no_compose/) });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('projects.config answers what `slipway config` prints, and refuses one container_name used twice', async () => {
    const client = core().client();
    await client.call('projects.open', { path: dir, profiles: ['debug'], transient: true });
    const config = await client.call('projects.config', { projectId: 'shop' });
    expect(config).toMatchObject({ services: ['debug', 'web'], profiles: ['debug'], volumes: [], images: ['busybox:latest', 'busybox:latest'] });
    expect(config.yaml).toContain('container_name: shop-app');
    expect(JSON.parse(config.json)).toMatchObject({ name: 'shop' });
    writeFileSync(path.join(dir, 'compose.yaml'), 'name: shop\nservices:\n  web:\n    image: busybox:latest\n    container_name: app\n  api:\n    image: busybox:latest\n    container_name: app\n');
    await client.call('projects.open', { path: dir, transient: true });
    await expect(client.call('projects.config', { projectId: 'shop' })).rejects.toMatchObject({ code: 'compose_invalid', message: expect.stringContaining('container name "app"') });
  });
});
