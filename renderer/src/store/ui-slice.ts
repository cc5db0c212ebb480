import type { StateCreator } from 'zustand/vanilla';
import type { AppState, UiSlice } from './types';

export const uiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  paletteOpen: false,
  setPaletteOpen: (open) => set({ paletteOpen: open }),
  openTerminal: (service, index) => set({ terminalService: service, terminalIndex: index }),
  showLogs: (service) => set({ logService: service }),
});
