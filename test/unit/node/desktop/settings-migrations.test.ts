import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Settings, SETTINGS_VERSION } from '../../../../shared/contract/settings';
import { applySettingsUpdate } from '../../../../electron/core/settings/apply-update';
import { MemorySettingsBackend } from '../../../../electron/core/settings/backend';
import { JsonFileSettingsBackend } from '../../../../electron/core/settings/json-file-backend';
import { defaultSettings, migrateSettings } from '../../../../electron/core/settings/migrations';
import { settingsDir } from '../../../../electron/core/settings/paths';
import { SettingsService } from '../../../../electron/core/settings/settings-service';

const now = new Date('2026-01-02T03:04:05.000Z');

describe('settings migrations', () => {
  it('starts from valid defaults when there is no file', () => {
    const result = migrateSettings(undefined, now);
    expect(result.settings).toEqual(defaultSettings());
    expect(Settings.parse(result.settings)).toEqual(result.settings);
    expect(result.changed).toBe(true);
  });

  it('migrates an unversioned (v1) file to the current version', () => {
    const v1 = {
      recentProjects: ['/home/ann/shop', '/home/ann/blog/'],
      projectPrefs: { '/home/ann/shop': { watch: true, profiles: ['debug'] } },
      window: { x: 10, y: 20, width: 1000, height: 700, maximized: false },
      theme: 'dark',
      startAtLogin: true,
    };
    const result = migrateSettings(v1, now);
    expect(result.warnings).toEqual([]);
    expect(result.changed).toBe(true);
    expect(result.settings).toEqual({
      schemaVersion: SETTINGS_VERSION,
      recentProjects: [
        { path: '/home/ann/shop', name: 'shop', openedAt: now.toISOString() },
        { path: '/home/ann/blog/', name: 'blog', openedAt: now.toISOString() },
      ],
      window: { x: 10, y: 20, width: 1000, height: 700, maximized: false },
      projects: { '/home/ann/shop': { watch: true, profiles: ['debug'] } },
      theme: 'dark',
      startAtLogin: true,
      closeToTray: true,
      notifications: true,
      serviceUrlsPort: null,
    });
    expect(Settings.safeParse(result.settings).success).toBe(true);
  });

  it('gives a v2 file from before the service proxy no port yet, and keeps one that is set', () => {
    const { serviceUrlsPort: _unset, ...before } = defaultSettings();
    expect(migrateSettings(before, now).settings.serviceUrlsPort).toBeNull();
    expect(migrateSettings({ ...before, serviceUrlsPort: 7380 }, now).settings.serviceUrlsPort).toBe(7380);
    const invalid = migrateSettings({ ...before, serviceUrlsPort: 99999 }, now);
    expect(invalid.settings.serviceUrlsPort).toBeNull();
    expect(invalid.warnings).toEqual(['settings: serviceUrlsPort 99999 is not valid; using null']);
  });

  it('leaves a current file unchanged', () => {
    const current = { ...defaultSettings(), theme: 'light' as const };
    const result = migrateSettings(JSON.parse(JSON.stringify(current)), now);
    expect(result.settings).toEqual(current);
    expect(result.changed).toBe(false);
  });

  it('replaces each invalid value by its default and says which', () => {
    const result = migrateSettings({ ...defaultSettings(), theme: 'purple', closeToTray: 'yes', recentProjects: [{ path: '' }, { path: '/a', name: 'a', openedAt: 'x' }] }, now);
    expect(result.settings.theme).toBe('system');
    expect(result.settings.closeToTray).toBe(true);
    expect(result.settings.recentProjects).toEqual([{ path: '/a', name: 'a', openedAt: 'x' }]);
    expect(result.warnings.join('\n')).toMatch(/theme "purple" is not valid/);
    expect(result.warnings.join('\n')).toMatch(/closeToTray/);
    expect(result.warnings.join('\n')).toMatch(/dropped a recent project/);
  });

  it('reads a file that is not an object as the defaults, with a warning', () => {
    const result = migrateSettings([1, 2], now);
    expect(result.settings).toEqual(defaultSettings());
    expect(result.warnings).toHaveLength(1);
  });

  it('marks a file from a newer version as newer and never rewrites it', () => {
    const result = migrateSettings({ ...defaultSettings(), schemaVersion: SETTINGS_VERSION + 1, theme: 'dark', futureThing: 1 }, now);
    expect(result.newer).toBe(true);
    expect(result.changed).toBe(false);
    expect(result.settings.theme).toBe('dark');
  });
});

describe('settings updates', () => {
  it('moves a reopened project to the top of the recent list and caps its length', () => {
    let s = defaultSettings();
    for (let i = 0; i < 20; i++) s = applySettingsUpdate(s, { addRecentProject: { path: `/p/${i}`, name: `p${i}` } }, now);
    s = applySettingsUpdate(s, { addRecentProject: { path: '/p/10', name: 'p10' } }, now);
    expect(s.recentProjects).toHaveLength(15);
    expect(s.recentProjects[0]?.path).toBe('/p/10');
    expect(s.recentProjects.filter((r) => r.path === '/p/10')).toHaveLength(1);
  });

  it('sets some preferences of one project and keeps the others', () => {
    let s = applySettingsUpdate(defaultSettings(), { projectPrefs: { path: '/a', prefs: { watch: true } } });
    s = applySettingsUpdate(s, { projectPrefs: { path: '/a', prefs: { profiles: ['x'] } } });
    expect(s.projects['/a']).toEqual({ watch: true, profiles: ['x'] });
  });
});

describe('settings service and files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'slipway-settings-'));
    dirs.push(d);
    return d;
  };

  it('writes the migrated version back once and announces updates', () => {
    const backend = new MemorySettingsBackend({ recentProjects: ['/x'] });
    const service = new SettingsService(backend);
    expect(service.get().recentProjects[0]?.path).toBe('/x');
    expect((backend.read() as { schemaVersion: number }).schemaVersion).toBe(SETTINGS_VERSION);
    const seen: string[] = [];
    service.onChange((s) => seen.push(s.theme));
    service.update({ theme: 'dark' });
    expect(seen).toEqual(['dark']);
    expect((backend.read() as { theme: string }).theme).toBe('dark');
  });

  it('refuses to write over a file from a newer version', () => {
    const service = new SettingsService(new MemorySettingsBackend({ ...defaultSettings(), schemaVersion: 99 }));
    expect(() => service.update({ theme: 'dark' })).toThrow(/newer Slipway/);
  });

  it('keeps settings in a JSON file that survives a restart', () => {
    const file = path.join(tempDir(), 'slipway', 'config.json');
    new SettingsService(new JsonFileSettingsBackend(file)).update({ theme: 'light', addRecentProject: { path: '/a', name: 'a' } });
    const again = new SettingsService(new JsonFileSettingsBackend(file)).get();
    expect(again.theme).toBe('light');
    expect(again.recentProjects[0]?.path).toBe('/a');
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(SETTINGS_VERSION);
  });

  it('keeps a broken file aside and starts from the defaults', () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.json');
    writeFileSync(file, '{ not json');
    const warnings: string[] = [];
    const settings = new SettingsService(new JsonFileSettingsBackend(file, (l) => warnings.push(l))).get();
    expect(settings).toEqual(defaultSettings());
    expect(warnings[0]).toMatch(/not valid JSON/);
    expect(readdirSync(dir).some((f) => f.startsWith('config.json.broken-'))).toBe(true);
  });

  it('puts the file where Electron keeps userData for an app named slipway', () => {
    expect(settingsDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/slipway');
    expect(settingsDir({}, 'linux', '/home/u')).toBe('/home/u/.config/slipway');
    expect(settingsDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/slipway');
    expect(settingsDir({ SLIPWAY_CONFIG_DIR: '/tmp/x' }, 'linux', '/home/u')).toBe('/tmp/x');
  });
});

describe('settings shared between processes', () => {
  it('keeps what another process wrote when updating', () => {
    const backend = new MemorySettingsBackend(defaultSettings());
    const desktop = new SettingsService(backend);
    const cli = new SettingsService(backend);
    desktop.get();
    cli.update({ theme: 'dark' });
    desktop.update({ closeToTray: false });
    expect(backend.read()).toMatchObject({ theme: 'dark', closeToTray: false });
    expect(desktop.get()).toMatchObject({ theme: 'dark', closeToTray: false });
  });
});
