import type { SlipwayTransport } from './client';

/** What only the desktop window can do. */
export interface DesktopFeatures {
  platform: string;
  /** A native folder picker; null when cancelled. */
  pickFolder(): Promise<string | null>;
}

/**
 * What the Electron preload puts on `window.slipway`: the contract's transport (envelope
 * answers: `createClient` turns it into the typed client in the page's own realm, where a
 * SlipwayError keeps its code and hint), and the few things only the desktop can do.
 * In a browser (`slipway serve`) there is no window.slipway: the WebSocket is the transport.
 */
export interface DesktopBridge extends SlipwayTransport {
  desktop: DesktopFeatures;
}
