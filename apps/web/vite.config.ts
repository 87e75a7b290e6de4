import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console builds to dist/, which the API serves at `/` under a CSP that allows no inline
 * script or style: the module-preload polyfill (an inline helper in some builds) is off, and
 * every style is in the emitted CSS file. `npm run dev` proxies /api to a local API.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': process.env.OHF_API_URL ?? 'http://127.0.0.1:8080' },
  },
});
