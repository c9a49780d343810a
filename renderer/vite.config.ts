// Vite build of the renderer: one static bundle served by the Electron app protocol and the
// browser host alike. No inline scripts, no eval (the shells send a strict CSP).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  // The hosts replace this placeholder with a fresh nonce per document, so the CSP can allow
  // antd's runtime <style> elements by nonce instead of 'unsafe-inline' (electron/security/csp.ts).
  html: { cspNonce: '__WAYPOST_CSP_NONCE__' },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // The start-up chunk carries antd, RxDB and the intake screens (≈ 2.2 MB minified, loaded
    // from disk); reports (ECharts, the spreadsheet writer) load on first visit.
    chunkSizeWarningLimit: 2500,
    // The CSP forbids inline scripts; Vite's module preload polyfill is inline-free but not needed.
    modulePreload: { polyfill: false },
  },
  server: { port: 5173, strictPort: false },
});
