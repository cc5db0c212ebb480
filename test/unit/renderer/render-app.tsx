import { render } from '@testing-library/react';
import { App } from '../../../renderer/src/App';
import { createLogsStore } from '../../../renderer/src/logs/logs-store';
import { createAppStore } from '../../../renderer/src/store/app-store';
import type { DesktopFeatures } from '../../../shared/desktop-bridge';
import type { FakeClient } from './fake-client';

/** jsdom lays nothing out: give elements a size so the virtualised log list renders rows. */
export function fakeLayout(): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 900 });
  if (!Element.prototype.scrollTo) Element.prototype.scrollTo = function scrollTo() {};
}

export function renderApp(client: FakeClient, desktop?: DesktopFeatures) {
  const stores = { app: createAppStore(client, desktop), logs: createLogsStore(client, { frame: (cb) => setTimeout(cb, 0), minFlushMs: 0 }) };
  return { stores, ...render(<App stores={stores} />) };
}
