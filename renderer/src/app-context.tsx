import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './store/app-store';
import type { AppState } from './store/types';
import type { LogsState, LogsStore } from './logs/logs-store';

export interface Stores {
  app: AppStore;
  logs: LogsStore;
}

export const StoresContext = createContext<Stores | undefined>(undefined);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresContext is missing');
  return stores;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useStores().app, selector);
}

export function useLogs<T>(selector: (state: LogsState) => T): T {
  return useStore(useStores().logs, selector);
}
