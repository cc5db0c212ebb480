import { contextBridge, ipcRenderer } from 'electron';

// Exposes exactly one object to the page: a narrow client of the contract.
// Call names and payloads are validated again in the main process.
contextBridge.exposeInMainWorld('slipway', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('slipway:call', name, input),
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const wrapped = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('slipway:event', wrapped);
    return () => ipcRenderer.removeListener('slipway:event', wrapped);
  },
});
