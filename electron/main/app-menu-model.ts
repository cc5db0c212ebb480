import type { MenuItemConstructorOptions } from 'electron';
import type { NavigateTarget } from '../../shared/contract/desktop';

/**
 * The application menu as plain data (Electron's template type is a type-only import):
 * the standard roles give every platform its usual shortcuts (copy, paste, undo, zoom,
 * full screen, minimise, hide, quit); our own items carry accelerators and a navigation
 * target. Built by a function so tests read it without Electron. Cmd/Ctrl+K (palette) and
 * Cmd/Ctrl+F (search logs) are the page's own: a menu accelerator would swallow them.
 */
export interface MenuHooks {
  navigate(target: NavigateTarget): void;
  openFolder(): void;
  showSettingsFile(): void;
  quit(): void;
}

export function appMenuTemplate(platform: NodeJS.Platform, hooks: MenuHooks, options: { devTools: boolean }): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: 'Slipway',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => hooks.navigate({ view: 'settings' }) },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { label: 'Quit Slipway', accelerator: 'Cmd+Q', click: () => hooks.quit() },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => hooks.openFolder() },
      { type: 'separator' },
      ...(mac
        ? [{ role: 'close' } as MenuItemConstructorOptions]
        : [
            { label: 'Settings…', accelerator: 'Ctrl+,', click: () => hooks.navigate({ view: 'settings' }) } as MenuItemConstructorOptions,
            { type: 'separator' } as MenuItemConstructorOptions,
            { label: 'Quit', accelerator: 'Ctrl+Q', click: () => hooks.quit() } as MenuItemConstructorOptions,
          ]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as MenuItemConstructorOptions] : []),
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(options.devTools ? [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const window: MenuItemConstructorOptions = {
    role: 'windowMenu',
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'Show Settings File', click: () => hooks.showSettingsFile() }],
  };
  return mac ? [appMenu, file, edit, view, window, help] : [file, edit, view, window, help];
}
