// The benchmark harness page: its own small Vite entry that imports the real renderer data
// layer and sync client (and PouchDB for the comparison). Built to a temporary directory.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The comparison peer lives in bench/peer (its own install, see bench/peer/package.json).
const peer = fileURLToPath(new URL('../peer/node_modules/', import.meta.url));

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  build: {
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    chunkSizeWarningLimit: 5000,
    modulePreload: { polyfill: false },
  },
  define: { global: 'globalThis' },
  // pouchdb-browser imports Node's 'events'; the npm port is the same API for browsers.
  resolve: {
    alias: { events: `${peer}events/`, 'pouchdb-browser': `${peer}pouchdb-browser` },
  },
});
