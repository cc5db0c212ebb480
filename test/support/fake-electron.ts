/**
 * A stand-in for the 'electron' module, for running the real main-process bundle in Node
 * (main-process.test.ts): it records what the app asks of Electron and lets the test play
 * the part of the user and the page.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export const record = {
  privileged: [] as unknown[],
  singleInstanceLockRequested: false,
  windows: [] as FakeBrowserWindow[],
  trays: [] as FakeTray[],
  notifications: [] as { title: string; body: string }[],
  ipcHandlers: new Map<string, Listener>(),
  ipcListeners: new Map<string, Listener>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  headersReceived: undefined as undefined | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
  permissionRequest: undefined as undefined | Listener,
  permissionCheck: undefined as undefined | Listener,
  openedExternally: [] as string[],
  applicationMenu: undefined as unknown,
  ready: false,
  quitCalled: false,
};
(globalThis as Record<string, unknown>).__fakeElectron = record;

class FakeApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock() {
    record.singleInstanceLockRequested = true;
    return true;
  }
  whenReady() {
    return Promise.resolve().then(() => {
      record.ready = true;
    });
  }
  quit() {
    record.quitCalled = true;
  }
  getAppPath() {
    return process.env.FAKE_ELECTRON_APP_PATH ?? process.cwd();
  }
  getPath() {
    return process.env.SLIPWAY_CONFIG_DIR ?? '/nonexistent';
  }
  getVersion() {
    return '0.0.0-test';
  }
  setLoginItemSettings() {}
  getLoginItemSettings() {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }
}
export const app = new FakeApp();
(record as Record<string, unknown>).app = app;

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  sent: unknown[][] = [];
  windowOpenHandler: undefined | ((d: { url: string }) => { action: string });
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  isLoading() {
    return false;
  }
  setWindowOpenHandler(handler: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return 'app://slipway/index.html';
  }
}

export class FakeBrowserWindow extends EventEmitter {
  webContents = new FakeWebContents();
  loaded: string | undefined;
  visible = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() {
    return record.windows.filter((w) => !w.destroyed);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
    this.emit('hide');
  }
  focus() {}
  restore() {}
  maximize() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isFullScreen() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
  getNormalBounds() {
    return this.getBounds();
  }
  /** The user closes the window: returns whether the app kept it (hid it). */
  userCloses(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroyed = true;
    return prevented;
  }
}
export const BrowserWindow = FakeBrowserWindow;

export class FakeTray extends EventEmitter {
  image: unknown;
  tooltip = '';
  menu: { template: Record<string, unknown>[] } | undefined;
  constructor(image: unknown) {
    super();
    this.image = image;
    record.trays.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(tooltip: string) {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: { template: Record<string, unknown>[] }) {
    this.menu = menu;
  }
  destroy() {}
}
export const Tray = FakeTray;

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu: (menu: unknown) => {
    record.applicationMenu = menu;
  },
};

export const ipcMain = {
  handle: (channel: string, listener: Listener) => {
    if (record.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    record.ipcHandlers.set(channel, listener);
  },
  removeHandler: (channel: string) => record.ipcHandlers.delete(channel),
  on: (channel: string, listener: Listener) => record.ipcListeners.set(channel, listener),
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => {
    if (record.ready) throw new Error('registerSchemesAsPrivileged after ready');
    record.privileged.push(...schemes);
  },
  handle: (scheme: string, handler: (request: Request) => Promise<Response>) => record.protocolHandlers.set(scheme, handler),
};

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived: (listener: typeof record.headersReceived) => {
        record.headersReceived = listener;
      },
    },
    setPermissionRequestHandler: (h: Listener) => {
      record.permissionRequest = h;
    },
    setPermissionCheckHandler: (h: Listener) => {
      record.permissionCheck = h;
    },
  },
};

export const nativeImage = { createFromPath: (p: string) => ({ path: p }) };
export const nativeTheme = { themeSource: 'system' };
export const dialog = { showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }) };
export const shell = {
  openExternal: async (url: string) => {
    record.openedExternally.push(url);
  },
  showItemInFolder: () => undefined,
  openPath: async () => '',
};
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(private readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    record.notifications.push({ title: this.options.title, body: this.options.body });
  }
}

export default { app, BrowserWindow, Tray, Menu, ipcMain, protocol, session, nativeImage, nativeTheme, dialog, shell, screen, Notification };
