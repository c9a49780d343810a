import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCsp, CSP_NONCE_PLACEHOLDER } from '../../../electron/security/csp.ts';
import {
  resolveRendererPath,
  serveRendererFile,
  toFetchResponse,
} from '../../../electron/static/serveRenderer.ts';
import { tempDir } from './support.ts';

let root: string;
let renderer: string;
let cleanup: () => Promise<void>;
const csp = (nonce?: string) =>
  buildCsp({ serverOrigin: 'https://jyt.example.cn', ...(nonce ? { styleNonce: nonce } : {}) });

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
  renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(
    join(renderer, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app.js"></script>',
  );
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside');
});
afterEach(() => cleanup());

describe('renderer file serving', () => {
  it('serves index.html for / and client routes, with CSP and hardening headers', async () => {
    for (const path of ['/', '/index.html', '/intake/new']) {
      const res = await serveRendererFile(renderer, path, { csp });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    const js = await serveRendererFile(renderer, '/assets/app.js', { csp });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
  });

  it('refuses path traversal in every spelling', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/%00.js',
      '/C:/Windows/win.ini',
      '/%E0%A4%A',
    ]) {
      expect(resolveRendererPath(renderer, path), path).toBeNull();
      const res = await serveRendererFile(renderer, path, { csp });
      expect(res.status, path).toBe(400);
      expect(Buffer.from(res.body).toString()).not.toContain('outside');
    }
  });

  it('does not follow a symlink out of the renderer directory', async () => {
    await symlink(join(root, 'secret.txt'), join(renderer, 'assets', 'leak.txt'));
    const res = await serveRendererFile(renderer, '/assets/leak.txt', { csp });
    expect(res.status).toBe(404);
  });

  it('404s a missing asset and explains a missing build', async () => {
    expect((await serveRendererFile(renderer, '/assets/missing.js', { csp })).status).toBe(404);
    const res = await serveRendererFile(join(root, 'nope'), '/', { csp });
    expect(res.status).toBe(503);
    expect(Buffer.from(res.body).toString()).toContain('npm run build:renderer');
  });

  it('issues a fresh style nonce per document when the build carries the placeholder', async () => {
    await writeFile(
      join(renderer, 'index.html'),
      `<meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}"><style nonce="${CSP_NONCE_PLACEHOLDER}"></style>`,
    );
    const a = await serveRendererFile(renderer, '/', { csp });
    const b = await serveRendererFile(renderer, '/', { csp });
    const nonceOf = (html: string) => /nonce="([^"]+)"/.exec(html)?.[1];
    const na = nonceOf(Buffer.from(a.body).toString());
    expect(na).toBeDefined();
    expect(Buffer.from(a.body).toString()).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect(a.headers['content-security-policy']).toContain(`'nonce-${na}'`);
    expect(a.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(nonceOf(Buffer.from(b.body).toString())).not.toBe(na);
  });

  it('converts to a fetch Response for protocol.handle', async () => {
    const response = toFetchResponse(await serveRendererFile(renderer, '/assets/app.js', { csp }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
