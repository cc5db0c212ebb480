import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, shell } from 'electron';
import { externalUrl } from './security-policy';
import type { NavigateTarget } from '../../shared/contract/desktop';
import type { ProjectSummary } from '../../shared/contract/projects';
import { createClient } from '../../shared/client';
import { toErrorInfo } from '../../shared/errors';
import { EVENT_CHANNEL } from '../../shared/ipc-channels';
import { JsonFileSettingsBackend, SlipwayCore, settingsDir, settingsFile, type SettingsBackend } from '../core';
import { appMenuTemplate } from './app-menu-model';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { DesktopController } from './desktop-controller';
import { ElectronStoreBackend } from './electron-store-backend';
import { registerDesktopHandlers, registerIpcHandlers, windowClientId, WindowClients } from './ipc';
import { initialProject, projectPathFromArgv } from './launch-args';
import { startedHidden } from './login-item';
import { applyStartAtLogin, openedAtLogin } from './login-settings';
import { showNotice } from './notifications';
import { hardenSessions } from './session-hardening';
import { SlipwayTray } from './tray';
import { runTrayAction } from './tray-actions';
import { dashboardWebPreferences } from './web-preferences';
import { createDashboardWindow, preloadPath } from './window';

/**
 * The Electron main process: one instance, one hardened window over the core, a tray that
 * shows the stack at a glance, notifications, settings, the app menu. Every decision lives
 * in a module without Electron (tray-model, notification-rules, security-policy, …).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
// Packaged: the icons are also unpacked next to the asar (extraResources), which tray
// implementations that need a real file path prefer.
const unpackedIcons = path.join(process.resourcesPath ?? '', 'icons');
const assets = app.isPackaged && existsSync(unpackedIcons) ? unpackedIcons : path.join(here, 'assets');
const mac = process.platform === 'darwin';

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  main();
}

function openSettingsBackend(): SettingsBackend {
  const dir = settingsDir(process.env);
  try {
    return new ElectronStoreBackend(dir);
  } catch (error) {
    // electron-store refuses a file that is not JSON; the JSON backend keeps it aside.
    console.error(`slipway: ${(error as Error).message}`);
    return new JsonFileSettingsBackend(settingsFile(process.env), (line) => console.error(`slipway: ${line}`));
  }
}

function main(): void {
  const core = new SlipwayCore({ settings: openSettingsBackend(), streamSpare: true });
  let win: BrowserWindow | undefined;
  let tray: SlipwayTray | undefined;
  let quitting = false;
  let pendingNavigate: NavigateTarget | undefined;

  const windows = new WindowClients(core.sessions);
  core.events.onAny((name, payload) => {
    if (win && !win.isDestroyed() && windows.route(windowClientId(win.webContents.id), name, payload)) win.webContents.send(EVENT_CHANNEL, name, payload);
  });

  const show = (target?: NavigateTarget) => {
    if (!win || win.isDestroyed()) {
      win = createDashboardWindow({
        preload: preloadPath(here),
        settings: core.settings,
        icon: path.join(assets, 'icon.png'),
        keepRunningOnClose: () => !quitting && tray !== undefined && core.settings.get().closeToTray,
        onPageGone: (clientId) => void windows.gone(clientId),
      });
      win.on('hide', () => {
        if (mac && core.settings.get().closeToTray) app.dock?.hide();
      });
    }
    if (mac) void app.dock?.show();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    if (target) {
      const w = win;
      if (w.webContents.isLoading()) {
        // A page that is still loading may subscribe after did-finish-load: say it again
        // once the page makes its first call (navigating twice to one view is harmless).
        pendingNavigate = target;
        w.webContents.once('did-finish-load', () => core.events.emit('desktop.navigate', target));
      } else {
        core.events.emit('desktop.navigate', target);
      }
    }
  };

  const report = (title: string, error: { message: string; hint?: string }) =>
    showNotice({ key: title, title, body: error.hint ? `${error.message} ${error.hint}` : error.message, target: { view: 'dashboard' } }, show);

  /** The desktop shell's own calls (argv, the dock, the menu); the core applies the project's preferences. */
  const desktopClient = core.client({ clientId: 'desktop' });
  const openProject = (projectPath: string): Promise<ProjectSummary | undefined> =>
    desktopClient.call('projects.open', { path: projectPath }).catch((error: unknown) => {
      report(`Could not open ${projectPath}`, toErrorInfo(error));
      return undefined;
    });

  /** The native folder picker; the page's "Choose folder…" opens what it returns itself. */
  const chooseFolder = async (): Promise<string | null> => {
    const options = { title: 'Open a project folder', properties: ['openDirectory' as const] };
    const result = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  /** "Open project…" from the tray, the dock or the menu. */
  const openFolder = async () => {
    const folder = await chooseFolder();
    if (!folder) return;
    const opened = await openProject(folder);
    show(opened ? { view: 'project', projectId: opened.projectId } : { view: 'dashboard' });
  };

  const controller = new DesktopController(desktopClient, {
    renderTray: (model) => {
      tray?.render(model);
      if (mac) app.dock?.setBadge(model.failing > 0 ? String(model.failing) : '');
    },
    notify: (notice) => showNotice(notice, show, path.join(assets, 'icon.png')),
    notificationsEnabled: () => core.settings.get().notifications,
  });
  // The tray's calls: stop, restart and down are noted first (their exits are not news).
  const trayTransport = core.transport({ clientId: 'tray' });
  const trayClient = createClient({
    ...trayTransport,
    invoke: (name, input) => {
      controller.noteCall(name, input);
      return trayTransport.invoke(name, input);
    },
  });
  if (process.env.SLIPWAY_E2E === '1') {
    // Read by the Playwright _electron test (test/electron/) through electronApp.evaluate.
    Object.assign(globalThis, { slipwayDesktop: { tray: () => controller.tray(), state: () => controller.current(), webPreferences: () => dashboardWebPreferences(preloadPath(here)) } });
  }

  registerIpcHandlers(ipcMain, {
    call: async (clientId, name, input) => {
      controller.noteCall(name, input);
      const answer = await windows.call(clientId, name, input);
      if (pendingNavigate) {
        const target = pendingNavigate;
        pendingNavigate = undefined;
        setImmediate(() => core.events.emit('desktop.navigate', target));
      }
      return answer;
    },
  });
  registerDesktopHandlers(ipcMain, { pickFolder: chooseFolder });

  const applySettings = () => {
    const settings = core.settings.get();
    nativeTheme.themeSource = settings.theme;
    if (app.isPackaged) applyStartAtLogin(settings.startAtLogin);
  };
  core.settings.onChange(applySettings);

  app.on('second-instance', (_event, argv, cwd) => {
    const project = projectPathFromArgv(argv, cwd, { packaged: app.isPackaged });
    show();
    if (project) void openProject(project);
  });
  app.on('activate', () => show());
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (!mac && !(tray && core.settings.get().closeToTray)) app.quit();
  });
  app.on('will-quit', () => {
    tray?.destroy();
    void core.dispose();
  });

  void app.whenReady().then(async () => {
    hardenSessions();
    serveRenderer(path.join(here, '..', 'renderer'));
    applySettings();
    // Service addresses (http://SERVICE.PROJECT.localhost:PORT) for as long as the app runs.
    void core.client().call('proxy.start', {}).catch((error: unknown) => console.error(`slipway: no service addresses: ${error instanceof Error ? error.message : String(error)}`));
    const hooks = {
      navigate: (target: NavigateTarget) => show(target),
      openFolder: () => void openFolder(),
      showSettingsFile: () => shell.showItemInFolder(settingsFile(process.env)),
      quit: () => app.quit(),
    };
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, hooks, { devTools: !app.isPackaged })));
    if (mac) {
      app.dock?.setMenu(Menu.buildFromTemplate([
        { label: 'Open Dashboard', click: () => show({ view: 'dashboard' }) },
        { label: 'Open Project…', click: () => void openFolder() },
      ]));
    }
    try {
      tray = new SlipwayTray(assets, (action) => {
        void runTrayAction(action, {
          client: trayClient,
          show,
          openFolder: () => void openFolder(),
          openUrl: (url) => {
            const safe = externalUrl(url);
            if (safe) void shell.openExternal(safe);
          },
          quit: () => app.quit(),
          report,
        });
      }, () => show(), () => void controller.refreshUsage());
      tray.render(controller.tray());
    } catch (error) {
      console.error(`slipway: no tray icon on this desktop (${(error as Error).message}); closing the window quits`);
    }
    if (!startedHidden(process.argv, openedAtLogin())) show();
    const project = initialProject({
      fromArgv: projectPathFromArgv(process.argv, process.cwd(), { packaged: app.isPackaged }),
      cwd: process.cwd(),
      recent: core.settings.get().recentProjects.map((r) => r.path),
      demo: app.isPackaged ? undefined : path.join(app.getAppPath(), 'examples', 'demo'),
      exists: existsSync,
    });
    if (project) await openProject(project);
  });
}
