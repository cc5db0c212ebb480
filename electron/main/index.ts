import { app, BrowserWindow, ipcMain } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SlipwayCore } from '../core/slipway-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const core = new SlipwayCore();

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadFile(path.join(here, '..', 'renderer', 'index.html'));
  return win;
}

ipcMain.handle('slipway:call', (event, name: unknown, input: unknown) => {
  if (event.senderFrame === null || typeof name !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'Bad call' } };
  return core.call(name, input, { clientId: `window-${event.sender.id}` });
});

void app.whenReady().then(() => {
  const win = createWindow();
  core.events.onAny((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send('slipway:event', name, payload);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
