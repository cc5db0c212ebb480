import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: one page, served from a file/custom protocol in Electron and by `slipway serve` in a browser.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
  },
});
