import path from 'node:path';
import { BrowserWindow, screen } from 'electron';
import type { SettingsService } from '../core';
import { APP_ENTRY } from './security-policy';
import { dashboardWebPreferences } from './web-preferences';
import { fitBounds } from './window-bounds';
import { windowClientId } from './ipc';

export interface WindowOptions {
  preload: string;
  settings: SettingsService;
  icon?: string;
  /** Asked when the user closes the window: true keeps the app running (in the tray). */
  keepRunningOnClose(): boolean;
  /** The page went away (reloaded, crashed, closed): its log subscriptions and shells can go. */
  onPageGone(clientId: string): void;
}

/**
 * The dashboard window: sandboxed, isolated, no Node, web security on, our preload only,
 * the renderer from app://slipway. Bounds are restored (made to fit the current displays)
 * and saved when they change.
 */
export function createDashboardWindow(options: WindowOptions): BrowserWindow {
  const saved = options.settings.get().window;
  const bounds = fitBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Slipway',
    backgroundColor: '#1e1e1e',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: dashboardWebPreferences(options.preload),
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let saveTimer: NodeJS.Timeout | undefined;
  const saveBounds = () => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const maximized = win.isMaximized();
    const b = maximized ? (options.settings.get().window ?? win.getNormalBounds()) : win.getBounds();
    try {
      options.settings.update({ window: { x: b.x, y: b.y, width: Math.max(200, b.width), height: Math.max(150, b.height), maximized } });
    } catch (error) {
      console.error(`slipway: ${(error as Error).message}`);
    }
  };
  const scheduleSave = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveBounds, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', scheduleSave);

  win.on('close', (event) => {
    clearTimeout(saveTimer);
    saveBounds();
    if (options.keepRunningOnClose()) {
      event.preventDefault();
      win.hide();
    }
  });
  const clientId = windowClientId(win.webContents.id);
  win.webContents.on('did-navigate', () => options.onPageGone(clientId));
  win.webContents.on('render-process-gone', () => options.onPageGone(clientId));
  win.on('closed', () => options.onPageGone(clientId));
  void win.loadURL(APP_ENTRY);
  return win;
}

export function preloadPath(here: string): string {
  return path.join(here, 'preload.cjs');
}
