import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a static bundle: Electron loads it from disk, browser mode serves it
// from the loopback server. `base: './'` keeps asset paths relative for file:// loads.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
