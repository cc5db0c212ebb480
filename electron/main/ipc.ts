import { calls, events } from '../../shared/contract';
import { fail, ok } from '../../shared/envelope';
import { CALL_CHANNEL_PREFIX, CALLS_SWITCH, EVENT_CHANNEL, EVENTS_SWITCH, PICK_FOLDER_CHANNEL, PLATFORM_SWITCH } from '../../shared/ipc-channels';
import type { ClientSession, SessionAnswer } from '../core';
import type { FrameLike } from './security-policy';
import { isTrustedFrame } from './security-policy';

/**
 * The Electron bridge of the contract, written against the small part of ipcMain it uses
 * so a test can drive it with a fake. One channel per contract call (`slipway:call:<name>`);
 * every message is answered only for our own page's main frame, and goes through the page's
 * session: the core's dispatch (zod validation, envelope answers) and the contract's rules of
 * what a client owns (shared/contract/resources.ts), as the WebSocket bridge does.
 */
export interface IpcEventLike {
  senderFrame: FrameLike | null;
  sender: { id: number; send?(channel: string, ...args: unknown[]): void };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown> | unknown): void;
  removeHandler(channel: string): void;
}

/** Calls of one window page (its client id is `window-<webContents id>`). */
export interface WindowCalls {
  call(clientId: string, name: string, input: unknown): Promise<SessionAnswer>;
}

type Session = Pick<ClientSession, 'call' | 'route' | 'close'>;

/** The window pages' sessions, by client id: made on a page's first call or event, closed when the page goes. */
export class WindowClients implements WindowCalls {
  private readonly byId = new Map<string, Session>();

  constructor(private readonly sessions: { open(clientId: string): Session }) {}

  call(clientId: string, name: string, input: unknown): Promise<SessionAnswer> {
    return this.session(clientId).call(name, input);
  }

  /** Is this core event for that page? (Another client's log batches and exec output are not.) */
  route(clientId: string, name: string, payload: unknown): boolean {
    return this.session(clientId).route(name, payload);
  }

  /** The page navigated, crashed or closed: end what it owned. */
  async gone(clientId: string): Promise<void> {
    const session = this.byId.get(clientId);
    this.byId.delete(clientId);
    await session?.close();
  }

  private session(clientId: string): Session {
    let session = this.byId.get(clientId);
    if (!session) this.byId.set(clientId, (session = this.sessions.open(clientId)));
    return session;
  }
}

export function windowClientId(webContentsId: number): string {
  return `window-${webContentsId}`;
}

export const callNames: readonly string[] = Object.keys(calls);
export const eventNames: readonly string[] = Object.keys(events);

/** Registers one handler per contract call; returns a function that removes them. */
export function registerIpcHandlers(ipcMain: IpcMainLike, windows: WindowCalls, trusted: (frame: FrameLike | null) => boolean = isTrustedFrame): () => void {
  for (const name of callNames) {
    ipcMain.handle(`${CALL_CHANNEL_PREFIX}${name}`, async (event, ...args) => {
      if (!trusted(event.senderFrame)) {
        return fail({ code: 'forbidden', message: `${name} refused: the request did not come from Slipway's own window` });
      }
      if (args.length > 1) {
        return fail({ code: 'invalid_input', message: `Invalid input for ${name}: expected one argument, got ${args.length}` });
      }
      const { envelope, events: early } = await windows.call(windowClientId(event.sender.id), name, args[0]);
      // Events that came before this answer (a shell's first prompt): after it, as the WebSocket sends them.
      if (early.length > 0) setImmediate(() => early.forEach((e) => event.sender.send?.(EVENT_CHANNEL, e.name, e.payload)));
      return envelope;
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
