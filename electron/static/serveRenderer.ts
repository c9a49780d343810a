// Serves the built renderer (dist/renderer) for Electron's app:// protocol and the browser
// host alike: path traversal refused, CSP and security headers on every response, and a
// fresh style nonce per HTML document when the build asks for one.
import { randomBytes } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { CSP_NONCE_PLACEHOLDER, SECURITY_HEADERS } from '../security/csp.ts';

export interface StaticResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

export interface ServeOptions {
  /** CSP for a document; `styleNonce` is set when the HTML carried the placeholder. */
  readonly csp: (styleNonce?: string) => string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Maps a URL path to a file inside rendererDir, or null when the path is malformed or
 * would leave the directory (`..`, encoded separators, NUL, drive letters).
 */
export function resolveRendererPath(rendererDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((s) => s === '.' || s === '..' || /^[A-Za-z]:/.test(s))) return null;
  if (segments.length === 0) segments.push('index.html');
  const path = join(rendererDir, ...segments);
  const rel = relative(rendererDir, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return path;
}

export async function serveRendererFile(
  rendererDir: string,
  pathname: string,
  options: ServeOptions,
): Promise<StaticResponse> {
  const path = resolveRendererPath(rendererDir, pathname);
  if (path === null) return textResponse(400, 'Bad path', options);

  let file = await existingFileInside(rendererDir, path);
  // Client-side routes (no file extension) get the app's index.html.
  if (file === null && (extname(path) === '' || relative(rendererDir, path) === 'index.html')) {
    file = await existingFileInside(rendererDir, join(rendererDir, 'index.html'));
    if (file === null) return notBuilt(options);
  }
  if (file === null) return textResponse(404, 'Not found', options);

  const ext = extname(file).toLowerCase();
  const contentType = CONTENT_TYPES[ext] ?? 'application/octet-stream';
  let body: Uint8Array = await readFile(file);
  let nonce: string | undefined;
  if (ext === '.html') {
    const html = Buffer.from(body).toString('utf8');
    if (html.includes(CSP_NONCE_PLACEHOLDER)) {
      nonce = randomBytes(16).toString('base64');
      body = Buffer.from(html.replaceAll(CSP_NONCE_PLACEHOLDER, nonce), 'utf8');
    }
  }
  // Vite's hashed bundles live in assets/ and never change under one name.
  const immutable = relative(rendererDir, path).split(/[\\/]/)[0] === 'assets';
  return {
    status: 200,
    headers: {
      ...baseHeaders(options, nonce),
      'content-type': contentType,
      'cache-control':
        ext === '.html' || !immutable ? 'no-cache' : 'public, max-age=31536000, immutable',
    },
    body,
  };
}

/** For Electron's protocol.handle, which wants a fetch Response. */
export function toFetchResponse(response: StaticResponse): Response {
  return new Response(Buffer.from(response.body), {
    status: response.status,
    headers: response.headers,
  });
}

async function existingFileInside(rendererDir: string, path: string): Promise<string | null> {
  try {
    const [root, real] = await Promise.all([realpath(rendererDir), realpath(path)]);
    // A symlink must not lead out of the renderer directory.
    if (real !== root && !real.startsWith(root + sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

function baseHeaders(options: ServeOptions, nonce?: string): Record<string, string> {
  return { ...SECURITY_HEADERS, 'content-security-policy': options.csp(nonce) };
}

function textResponse(status: number, text: string, options: ServeOptions): StaticResponse {
  return {
    status,
    headers: { ...baseHeaders(options), 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from(text, 'utf8'),
  };
}

function notBuilt(options: ServeOptions): StaticResponse {
  return textResponse(
    503,
    '界面尚未构建：请先运行 npm run build:renderer\nThe renderer is not built yet: run npm run build:renderer',
    options,
  );
}
