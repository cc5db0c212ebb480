import type { SlipwayClient } from '../../../shared/client';
import { WebSocketClient } from './ws-client';

declare global {
  interface Window {
    slipway?: SlipwayClient;
  }
}

const TOKEN_KEY = 'slipway.token';

/**
 * The one client the app uses: Electron's preload bridge when present, else the
 * WebSocket of `slipway serve` with the token from the link (#token=…). The token is
 * moved out of the address bar into this tab's session storage.
 */
export function pickClient(win: Window = window): SlipwayClient | { error: string } {
  if (win.slipway) return win.slipway;
  const fromHash = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    win.sessionStorage.setItem(TOKEN_KEY, fromHash);
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  const token = fromHash ?? win.sessionStorage.getItem(TOKEN_KEY);
  if (!token) return { error: 'This page needs the link `slipway serve` printed (it ends in #token=…).' };
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  return new WebSocketClient(`${scheme}://${win.location.host}/api?token=${encodeURIComponent(token)}`);
}
