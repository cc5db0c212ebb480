import type { SlipwayClient } from './client';
import type { CallInput, CallName, CallOutput } from './contract';
import type { Envelope } from './envelope';

/**
 * What the Electron preload puts on `window.slipway`: the contract client (call/on),
 * one method per call under `api` (e.g. `api['stack.up']({ projectId })`), and the few
 * things only the desktop can do. In a browser (`slipway serve`) `desktop` is absent.
 */
export interface DesktopBridge extends SlipwayClient {
  api: { [N in CallName]: (input: CallInput<N>) => Promise<Envelope<CallOutput<N>>> };
  desktop: {
    platform: string;
    /** A native folder picker; null when cancelled. */
    pickFolder(): Promise<string | null>;
  };
}
