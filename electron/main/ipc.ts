import { calls, events } from '../../shared/contract';
import type { Envelope } from '../../shared/envelope';
import { fail, ok } from '../../shared/envelope';
import { CALL_CHANNEL_PREFIX, CALLS_SWITCH, EVENTS_SWITCH, PICK_FOLDER_CHANNEL, PLATFORM_SWITCH } from '../../shared/ipc-channels';
import type { FrameLike } from './security-policy';
import { isTrustedFrame } from './security-policy';

/**
 * The Electron bridge of the contract, written against the small part of ipcMain it uses
 * so a test can drive it with a fake. One channel per contract call (`slipway:call:<name>`);
 * every message is answered only for our own page's main frame, and its input goes through
 * the core's dispatch (zod validation, envelope answers).
 */
export interface IpcEventLike {
  senderFrame: FrameLike | null;
  sender: { id: number };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown> | unknown): void;
  removeHandler(channel: string): void;
}

export interface CoreLike {
  call(name: string, input: unknown, ctx: { clientId: string }): Promise<Envelope<unknown>>;
}

export const callNames: readonly string[] = Object.keys(calls);
export const eventNames: readonly string[] = Object.keys(events);

/** Registers one handler per contract call; returns a function that removes them. */
export function registerIpcHandlers(ipcMain: IpcMainLike, core: CoreLike, trusted: (frame: FrameLike | null) => boolean = isTrustedFrame): () => void {
  for (const name of callNames) {
    ipcMain.handle(`${CALL_CHANNEL_PREFIX}${name}`, async (event, ...args) => {
      if (!trusted(event.senderFrame)) {
        return fail({ code: 'forbidden', message: `${name} refused: the request did not come from Slipway's own window` });
      }
      if (args.length > 1) {
        return fail({ code: 'invalid_input', message: `Invalid input for ${name}: expected one argument, got ${args.length}` });
      }
      return core.call(name, args[0], { clientId: `window-${event.sender.id}` });
    });
  }
  return () => {
    for (const name of callNames) ipcMain.removeHandler(`${CALL_CHANNEL_PREFIX}${name}`);
  };
}

/**
 * The preload learns the call and event names from its command line (webPreferences.
 * additionalArguments), so it stays one small file that bundles no schema.
 */
export function preloadArguments(platform: string = process.platform): string[] {
  return [`${CALLS_SWITCH}${callNames.join(',')}`, `${EVENTS_SWITCH}${eventNames.join(',')}`, `${PLATFORM_SWITCH}${platform}`];
}

/** The desktop-only calls (native dialogs), behind the same frame check. */
export function registerDesktopHandlers(ipcMain: IpcMainLike, desktop: { pickFolder(): Promise<string | null> }, trusted: (frame: FrameLike | null) => boolean = isTrustedFrame): () => void {
  ipcMain.handle(PICK_FOLDER_CHANNEL, async (event) => {
    if (!trusted(event.senderFrame)) return fail({ code: 'forbidden', message: 'Folder picker refused: the request did not come from Slipway\'s own window' });
    return ok(await desktop.pickFolder());
  });
  return () => ipcMain.removeHandler(PICK_FOLDER_CHANNEL);
}
