import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../../../../electron/main/app-menu-model';
import { initialProject, projectPathFromArgv } from '../../../../electron/main/launch-args';
import { autostartDesktopEntry, startedHidden } from '../../../../electron/main/login-item';
import { fitBounds } from '../../../../electron/main/window-bounds';
import { dashboardWebPreferences } from '../../../../electron/main/web-preferences';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window bounds', () => {
  it('uses the default size the first time', () => {
    expect(fitBounds(null, [screen])).toEqual({ width: 1280, height: 820 });
  });

  it('restores saved bounds that are on a display', () => {
    expect(fitBounds({ x: 100, y: 50, width: 1000, height: 700, maximized: false }, [screen])).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
  });

  it('brings back a window saved on a display that is gone, no larger than the screen', () => {
    const fitted = fitBounds({ x: 3000, y: 100, width: 2500, height: 700, maximized: false }, [screen]);
    expect(fitted).toEqual({ width: 1920, height: 700 });
  });

  it('pulls a half-visible window fully onto its display', () => {
    expect(fitBounds({ x: 1500, y: 900, width: 800, height: 600, maximized: false }, [screen])).toEqual({ x: 1120, y: 480, width: 800, height: 600 });
  });
});

describe('launch arguments', () => {
  it('finds the project named on the command line, skipping switches and the app path', () => {
    expect(projectPathFromArgv(['/usr/bin/electron', '/app', '--hidden', 'shop'], '/src', { packaged: false })).toBe(path.resolve('/src/shop'));
    expect(projectPathFromArgv(['/opt/Slipway/slipway', '/abs/blog'], '/src', { packaged: true })).toBe('/abs/blog');
    expect(projectPathFromArgv(['/usr/bin/electron', '/app', '--inspect=9229'], '/src', { packaged: false })).toBeUndefined();
  });

  it('opens the command-line project, else the working folder with a compose file, else a recent one, else the demo', () => {
    const exists = (files: string[]) => (f: string) => files.includes(f);
    const base = { cwd: '/work', recent: ['/gone', '/old'], demo: '/app/examples/demo' };
    expect(initialProject({ ...base, fromArgv: '/x', exists: exists([]) })).toBe('/x');
    expect(initialProject({ ...base, fromArgv: undefined, exists: exists(['/work/compose.yaml']) })).toBe('/work');
    expect(initialProject({ ...base, fromArgv: undefined, exists: exists(['/old', '/app/examples/demo']) })).toBe('/old');
    expect(initialProject({ ...base, fromArgv: undefined, exists: exists(['/app/examples/demo']) })).toBe('/app/examples/demo');
    expect(initialProject({ ...base, fromArgv: undefined, exists: exists([]) })).toBeUndefined();
  });
});

describe('start at login', () => {
  it('writes an XDG autostart entry that starts hidden, quoting paths with spaces', () => {
    const entry = autostartDesktopEntry(['/home/ann/Apps/Slipway 1.0.AppImage']);
    expect(entry).toMatch(/^\[Desktop Entry\]\n/);
    expect(entry).toContain('Exec="/home/ann/Apps/Slipway 1.0.AppImage" --hidden');
    expect(startedHidden(['x', '--hidden'])).toBe(true);
    expect(startedHidden(['x'], true)).toBe(true);
  });
});

describe('application menu', () => {
  const hooks = { navigate: () => undefined, openFolder: () => undefined, showSettingsFile: () => undefined, quit: () => undefined };
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
  const accelerators = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [...(i.accelerator ? [i.accelerator] : []), ...(Array.isArray(i.submenu) ? accelerators(i.submenu) : [])]);

  it('has the standard edit, view and window roles on every platform', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const template = appMenuTemplate(platform, hooks, { devTools: false });
      expect(roles(template)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'windowMenu']));
      expect(accelerators(template)).toEqual(expect.arrayContaining(['CmdOrCtrl+O']));
      // The page's own shortcuts (palette, search in logs) must reach it.
      expect(accelerators(template)).not.toEqual(expect.arrayContaining(['CmdOrCtrl+K']));
      expect(accelerators(template).some((a) => /\+(K|F)$/.test(a))).toBe(false);
      expect(roles(template)).not.toContain('toggleDevTools');
    }
  });

  it('has the macOS app menu (about, hide, services) only on macOS', () => {
    expect(appMenuTemplate('darwin', hooks, { devTools: false })[0]?.label).toBe('Slipway');
    expect(roles(appMenuTemplate('darwin', hooks, { devTools: false }))).toEqual(expect.arrayContaining(['about', 'hide', 'hideOthers', 'services']));
    expect(roles(appMenuTemplate('linux', hooks, { devTools: false }))).not.toContain('hide');
    expect(accelerators(appMenuTemplate('linux', hooks, { devTools: false }))).toContain('Ctrl+Q');
  });

  it('offers developer tools only in development', () => {
    expect(roles(appMenuTemplate('linux', hooks, { devTools: true }))).toContain('toggleDevTools');
  });
});

describe('dashboard window', () => {
  it('is sandboxed and isolated, with no Node, web security on and only our preload', () => {
    const prefs = dashboardWebPreferences('/app/dist/electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.additionalArguments?.some((a) => a.startsWith('--slipway-calls='))).toBe(true);
  });
});
