import type { WebPreferences } from 'electron';
import { preloadArguments } from './ipc';

/**
 * The dashboard page's webPreferences: sandboxed, context-isolated, no Node anywhere,
 * web security on, no <webview>, our preload only (which learns the contract's names
 * from its command line).
 */
export function dashboardWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    additionalArguments: preloadArguments(),
  };
}
