import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SlipwayClient } from '../../../shared/client';
import type { DesktopFeatures } from '../../../shared/desktop-bridge';
import { projectSlice } from './project-slice';
import { servicesSlice } from './services-slice';
import { uiSlice } from './ui-slice';
import type { AppState } from './types';

export type AppStore = StoreApi<AppState>;

/** The app's state: zustand slices over one client (preload or WebSocket, or a fake in tests). */
export function createAppStore(client: SlipwayClient, desktop?: DesktopFeatures): AppStore {
  return createStore<AppState>()((...a) => ({
    client,
    ...(desktop ? { desktop } : {}),
    ...projectSlice(...a),
    ...servicesSlice(...a),
    ...uiSlice(...a),
  }));
}
