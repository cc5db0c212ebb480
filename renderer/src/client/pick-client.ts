import { createClient, type SlipwayClient } from '../../../shared/client';
import type { DesktopBridge, DesktopFeatures } from '../../../shared/desktop-bridge';
import { WebSocketTransport } from './ws-client';

declare global {
  interface Window {
    slipway?: DesktopBridge;
  }
}

const TOKEN_KEY = 'slipway.token';

export interface PickedClient {
  client: SlipwayClient;
  /** The native extras of the Electron window. */
  desktop?: DesktopFeatures;
  /** The browser's WebSocket (its status shows in the top bar). */
  connection?: WebSocketTransport;
}

/**
 * The one client the app uses, over Electron's preload bridge when present, else over the
 * WebSocket of `slipway serve` with the token from the link (#token=…). The token is moved
 * out of the address bar into this tab's session storage.
 */
export function pickClient(win: Window = window): PickedClient | { error: string } {
  if (win.slipway) return { client: createClient(win.slipway), desktop: win.slipway.desktop };
  const fromHash = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    win.sessionStorage.setItem(TOKEN_KEY, fromHash);
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  const token = fromHash ?? win.sessionStorage.getItem(TOKEN_KEY);
  if (!token) return { error: 'This page needs the link `slipway serve` printed (it ends in #token=…).' };
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  const connection = new WebSocketTransport(`${scheme}://${win.location.host}/api?token=${encodeURIComponent(token)}`);
  return { client: createClient(connection), connection };
}
