import { describe, expect, it } from 'vitest';
import { calls } from '../../../../shared/contract';
import { CALL_CHANNEL_PREFIX, PICK_FOLDER_CHANNEL } from '../../../../shared/ipc-channels';
import { SlipwayCore } from '../../../../electron/core/slipway-core';
import { MemorySettingsBackend } from '../../../../electron/core/settings/backend';
import type { IpcEventLike, IpcMainLike } from '../../../../electron/main/ipc';
import { preloadArguments, registerDesktopHandlers, registerIpcHandlers, WindowClients } from '../../../../electron/main/ipc';
import type { FrameLike } from '../../../../electron/main/security-policy';

/** A fake ipcMain: records handlers and invokes them like Electron does. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, frame: FrameLike | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame, sender: { id: 7 } }, ...args);
  }
}

const mainFrame: FrameLike = { url: 'app://slipway/index.html#/projects', parent: null };

function setup() {
  const ipc = new FakeIpcMain();
  const core = new SlipwayCore({ env: {}, settings: new MemorySettingsBackend() });
  const seen: { name: string; input: unknown; clientId: string }[] = [];
  const windows = new WindowClients(core.sessions);
  const spy = {
    call: (clientId: string, name: string, input: unknown) => {
      seen.push({ name, input, clientId });
      return windows.call(clientId, name, input);
    },
  };
  const unregister = registerIpcHandlers(ipc, spy);
  return { ipc, seen, unregister };
}

describe('IPC handlers from the contract', () => {
  it('registers one channel per contract call, and removes them again', () => {
    const { ipc, unregister } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.keys(calls).map((n) => `${CALL_CHANNEL_PREFIX}${n}`).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers our main frame through the core (validated, as an envelope)', async () => {
    const { ipc, seen } = setup();
    const answer = await ipc.invoke(`${CALL_CHANNEL_PREFIX}settings.get`, mainFrame, {});
    expect(answer).toMatchObject({ ok: true, value: { schemaVersion: 2, theme: 'system' } });
    expect(seen).toEqual([{ name: 'settings.get', input: {}, clientId: 'window-7' }]);
  });

  it.each([
    ['no frame (destroyed)', null],
    ['a subframe of our page', { url: 'app://slipway/index.html', parent: mainFrame }],
    ['a remote page', { url: 'https://evil.example/', parent: null }],
    ['a file: page', { url: 'file:///tmp/x.html', parent: null }],
    ['another app:// host', { url: 'app://other/index.html', parent: null }],
    ['the serve origin', { url: 'http://127.0.0.1:4000/', parent: null }],
    ['a look-alike host', { url: 'app://slipway.evil/index.html', parent: null }],
  ] as [string, FrameLike | null][])('refuses %s without reaching the core', async (_what, frame) => {
    const { ipc, seen } = setup();
    const answer = await ipc.invoke(`${CALL_CHANNEL_PREFIX}settings.update`, frame, { theme: 'dark' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(seen).toEqual([]);
  });

  it.each([
    ['a wrong type', { theme: 'purple' }, /Invalid input for settings.update at theme/],
    ['an unknown key', { themes: 'dark' }, /Invalid input for settings.update/],
    ['no object at all', 'dark', /Invalid input for settings.update/],
  ])('refuses a payload with %s as invalid_input', async (_what, payload, message) => {
    const { ipc } = setup();
    const answer = await ipc.invoke(`${CALL_CHANNEL_PREFIX}settings.update`, mainFrame, payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
  });

  it('refuses a prototype trick (an own "__proto__" key) and changes nothing', async () => {
    const { ipc } = setup();
    const answer = await ipc.invoke(`${CALL_CHANNEL_PREFIX}settings.update`, mainFrame, JSON.parse('{"__proto__": {"theme": "dark"}}'));
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const after = await ipc.invoke(`${CALL_CHANNEL_PREFIX}settings.get`, mainFrame, {});
    expect(after).toMatchObject({ ok: true, value: { theme: 'system' } });
    expect(Object.prototype).not.toHaveProperty('theme');
  });

  it('refuses extra arguments', async () => {
    const { ipc } = setup();
    const answer = await ipc.invoke(`${CALL_CHANNEL_PREFIX}settings.get`, mainFrame, {}, 'extra');
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('guards the desktop-only folder picker with the same frame check', async () => {
    const ipc = new FakeIpcMain();
    registerDesktopHandlers(ipc, { pickFolder: async () => '/src/shop' });
    await expect(ipc.invoke(PICK_FOLDER_CHANNEL, mainFrame)).resolves.toEqual({ ok: true, value: '/src/shop' });
    await expect(ipc.invoke(PICK_FOLDER_CHANNEL, { url: 'https://evil.example/', parent: null })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('hands the preload every call and event name on its command line', () => {
    const args = preloadArguments('linux');
    const callsArg = args.find((a) => a.startsWith('--slipway-calls='))?.split('=')[1]?.split(',');
    expect(callsArg?.sort()).toEqual(Object.keys(calls).sort());
    expect(args).toContain('--slipway-platform=linux');
    for (const arg of args) expect(arg).not.toMatch(/\s/);
  });
});
