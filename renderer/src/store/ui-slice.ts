import type { StateCreator } from 'zustand/vanilla';
import type { AppState, UiSlice } from './types';

export const uiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  paletteOpen: false,
  setPaletteOpen: (open) => set({ paletteOpen: open }),
  openTerminal: (service) => set({ terminalService: service }),
  showLogs: (service) => set({ logService: service }),
});
