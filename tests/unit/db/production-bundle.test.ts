// Production bundles carry neither RxDB dev-mode nor AJV (AJV compiles with `new Function`,
// which the strict CSP forbids); @cfworker/json-schema validates instead.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build, type Rollup } from 'vite';

const entry = fileURLToPath(new URL('./prod-entry.ts', import.meta.url));

function outputsOf(result: Awaited<ReturnType<typeof build>>): Rollup.OutputChunk[] {
  const outputs = Array.isArray(result) ? result : [result];
  return outputs.flatMap((o) =>
    'output' in o ? o.output.filter((c): c is Rollup.OutputChunk => c.type === 'chunk') : [],
  );
}

describe('production bundle of the data layer', () => {
  it('contains neither dev-mode nor ajv', { timeout: 120_000 }, async () => {
    // As under `vite build` from a shell: vitest sets NODE_ENV=test, which Vite reads as
    // "not production" and would keep import.meta.env.DEV true.
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const result = await build({
      configFile: false,
      logLevel: 'silent',
      mode: 'production',
      build: {
        write: false,
        minify: false,
        target: 'chrome120',
        rollupOptions: { input: entry, preserveEntrySignatures: 'strict' },
      },
    }).finally(() => {
      process.env.NODE_ENV = previous;
    });
    const chunks = outputsOf(result);
    const code = chunks.map((c) => c.code).join('\n');
    const modules = chunks.flatMap((c) => Object.keys(c.modules));
    expect(modules.some((m) => m.includes('renderer/db/database.ts'))).toBe(true);
    expect(modules.some((m) => m.includes('@cfworker/json-schema'))).toBe(true);
    expect(modules.filter((m) => /dev-mode|[/\\]ajv/.test(m))).toEqual([]);
    // Strings that survive any minifier: dev-mode's error texts and AJV's messages.
    expect(code).not.toContain('SchemaCheck: primaryKey is required');
    expect(code).not.toContain('must have required property');
  });
});
