import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

/**
 * The renderer bundle (React + Mantine). One build serves both runtimes: Electron loads dist/renderer/index.html from
 * disk (hence `base: './'`, relative asset URLs) and the loopback web bridge serves the same files over HTTP.
 * The bridge's CSP allows only `script-src 'self'`, so index.html carries no inline script.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // A desktop console loaded from disk or loopback: one chunk for Mantine + React is fine.
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
