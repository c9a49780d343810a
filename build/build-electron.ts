// `npm run build:electron`: bundles Electron main (ESM) and the preload (CommonJS — a
// sandboxed preload cannot load ES modules or arbitrary files) into dist/electron/.
// Everything is bundled except Electron itself and native modules, so the packaged app
// ships only those from node_modules.
import { build } from 'esbuild';

/** Native or optional modules that must stay real files in node_modules. */
export const ELECTRON_EXTERNALS = ['electron', '@napi-rs/canvas', '@napi-rs/canvas-*'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'info',
  external: ELECTRON_EXTERNALS,
} as const;

await build({
  ...common,
  entryPoints: { main: 'electron/main.ts' },
  outdir: 'dist/electron',
  format: 'esm',
  outExtension: { '.js': '.js' },
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __waypostCreateRequire } from 'node:module'; const require = __waypostCreateRequire(import.meta.url);",
  },
});

await build({
  ...common,
  entryPoints: { preload: 'electron/preload.ts' },
  outdir: 'dist/electron',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
});
