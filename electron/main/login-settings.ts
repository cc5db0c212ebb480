import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import { autostartDesktopEntry } from './login-item';

/** Applies "start at login": the OS login item on macOS/Windows, an XDG autostart file on Linux. */
export function applyStartAtLogin(enabled: boolean): void {
  if (process.platform === 'darwin' || process.platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
    return;
  }
  const dir = path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'autostart');
  const file = path.join(dir, 'slipway.desktop');
  try {
    if (enabled) {
      mkdirSync(dir, { recursive: true });
      // An AppImage runs from a temporary mount: start the AppImage file itself.
      const command = process.env.APPIMAGE ? [process.env.APPIMAGE] : app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
      writeFileSync(file, autostartDesktopEntry(command));
    } else if (existsSync(file)) {
      rmSync(file);
    }
  } catch (error) {
    console.error(`slipway: could not update ${file}: ${(error as Error).message}`);
  }
}

/** macOS only: whether this launch came from the login item (macOS login items take no arguments). */
export function openedAtLogin(): boolean {
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}
