import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { calls } from '../../../../shared/contract';
import { CALL_CHANNEL_PREFIX, EVENT_CHANNEL, PICK_FOLDER_CHANNEL } from '../../../../shared/ipc-channels';
import type { FakeBrowserWindow } from '../../../support/fake-electron';
import type { FakeElectronRecord } from '../../../support/electron-main-bundle';
import { bundleMainWithFakeElectron, startMainBundle } from '../../../support/electron-main-bundle';

/**
 * The real Electron main bundle, run in Node against a recording stand-in for the
 * 'electron' module (the Electron binary cannot be installed everywhere): the wiring
 * between window, protocol, session, IPC, tray and settings is checked here, the
 * decisions themselves in the other desktop tests.
 */
const root = process.cwd();
const out = path.join(root, '.slipway-test', `main-process-${process.pid}`);
const configDir = path.join(out, 'config');
let fake: FakeElectronRecord;
const saved = { argv: process.argv, env: { ...process.env } };

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  const file = await bundleMainWithFakeElectron(out);
  writeFileSync(path.join(out, 'secret.txt'), 'secret');
  process.argv = ['/opt/electron/electron', root];
  process.env.SLIPWAY_CONFIG_DIR = configDir;
  process.env.DOCKER_HOST = `unix://${path.join(out, 'no-engine.sock')}`;
  process.env.FAKE_ELECTRON_APP_PATH = root;
  fake = await startMainBundle(file);
  await vi.waitFor(() => expect(fake.trays.length).toBe(1), { timeout: 10_000 });
}, 60_000);

afterAll(() => {
  process.argv = saved.argv;
  process.env = saved.env;
  rmSync(out, { recursive: true, force: true });
});

const mainFrame = { url: 'app://slipway/index.html', parent: null };
const invoke = (channel: string, frame: unknown, ...args: unknown[]) => fake.ipcHandlers.get(channel)!({ senderFrame: frame, sender: { id: 1 } }, ...args);
const win = () => fake.windows[0] as FakeBrowserWindow;

describe('Electron main process (with a stand-in electron module)', () => {
  it('takes the single-instance lock and registers app:// as a privileged scheme before ready', () => {
    expect(fake.singleInstanceLockRequested).toBe(true);
    expect(fake.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('opens one hardened window on app://slipway', () => {
    expect(fake.windows).toHaveLength(1);
    expect(win().loaded).toBe('app://slipway/index.html');
    expect(win().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: path.join(out, 'electron', 'preload.cjs') });
  });

  it('serves the renderer folder with the CSP, and nothing outside it', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    const page = await handler(new Request('app://slipway/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect((await handler(new Request('app://slipway/assets/app.js'))).status).toBe(200);
    expect((await handler(new Request('app://slipway/..%2fsecret.txt'))).status).toBe(404);
    expect((await handler(new Request('app://slipway/missing.js'))).status).toBe(404);
  });

  it('puts the CSP on every response and refuses permissions', () => {
    let headers: Record<string, string[]> = {};
    fake.headersReceived!({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/^default-src 'none'/);
    const answers: boolean[] = [];
    fake.permissionRequest!({ getURL: () => 'app://slipway/' }, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: 'app://slipway/' });
    fake.permissionRequest!({ getURL: () => 'app://slipway/' }, 'clipboard-sanitized-write', (ok: boolean) => answers.push(ok), { requestingUrl: 'app://slipway/' });
    expect(answers).toEqual([false, true]);
  });

  it('blocks navigation and new windows; only http(s) goes to the system browser', () => {
    const contents = win().webContents;
    const navigate = (url: string) => {
      let prevented = false;
      contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://example.com/docs')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'http://127.0.0.1:18080/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual(['https://example.com/docs', 'http://127.0.0.1:18080/']);
  });

  it('registers one IPC handler per contract call (and the folder picker), each checking the frame', async () => {
    const channels = [...fake.ipcHandlers.keys()].filter((c) => c.startsWith(CALL_CHANNEL_PREFIX));
    expect(channels.sort()).toEqual(Object.keys(calls).map((n) => `${CALL_CHANNEL_PREFIX}${n}`).sort());
    expect(fake.ipcHandlers.has(PICK_FOLDER_CHANNEL)).toBe(true);
    await expect(invoke(`${CALL_CHANNEL_PREFIX}settings.get`, { url: 'https://evil.example/', parent: null }, {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(invoke(`${CALL_CHANNEL_PREFIX}settings.update`, mainFrame, { theme: 7 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('keeps settings in config.json through electron-store and forwards core events to the window', async () => {
    const answer = await invoke(`${CALL_CHANNEL_PREFIX}settings.update`, mainFrame, { theme: 'dark' });
    expect(answer).toMatchObject({ ok: true, value: { theme: 'dark' } });
    const file = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'));
    expect(file).toMatchObject({ schemaVersion: 2, theme: 'dark' });
    expect(win().webContents.sent.some(([channel, name]) => channel === EVENT_CHANNEL && name === 'settings.changed')).toBe(true);
  });

  it('opens the demo project at start (no project in the folder, none recent) and lists it in the tray', async () => {
    await vi.waitFor(() => {
      const labels = (fake.trays[0]?.menu?.template ?? []).map((i) => i.label);
      expect(labels.some((l) => typeof l === 'string' && l.startsWith('demo: '))).toBe(true);
    }, { timeout: 10_000 });
    const labels = fake.trays[0]!.menu!.template.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['Up', 'Down', 'Restart', 'Build & push', 'Open dashboard', 'Quit Slipway']));
    const file = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'));
    expect(file.recentProjects[0]).toMatchObject({ name: 'demo', path: path.join(root, 'examples', 'demo') });
  });

  it('keeps running in the tray when the window is closed, and navigates from a tray item', async () => {
    expect(win().userCloses()).toBe(true);
    expect(win().visible).toBe(false);
    const item = fake.trays[0]!.menu!.template.find((i) => i.label === 'Open dashboard') as { click(): void };
    item.click();
    expect(win().visible).toBe(true);
    await vi.waitFor(() => expect(win().webContents.sent.some(([, name, payload]) => name === 'desktop.navigate' && (payload as { view: string }).view === 'dashboard')).toBe(true));
  });

  it('closes for real when quitting', () => {
    (fake as unknown as { app: { emit(e: string): void } }).app.emit('before-quit');
    expect(win().userCloses()).toBe(false);
    expect(win().isDestroyed()).toBe(true);
  });

  it('tells nobody the engine "went away" when it was never there', async () => {
    // The tray has seen the engine down (so the rule had its chance to fire) …
    await vi.waitFor(() => expect(fake.trays[0]?.tooltip).toMatch(/^Docker engine is down/m), { timeout: 10_000 });
    // … and still no notification: it was never up. (The notice when it does go away is
    // checked in desktop-controller.test.ts.)
    expect(fake.notifications.filter((n) => /went away/.test(n.title))).toEqual([]);
  });
});
