// The browser host: a small loopback HTTP service that serves the built renderer and the
// SAME handler functions as Electron main, as `POST /host/<channel>` with a JSON body
// `{ "request": ... }` and a JSON `Result` reply. See guard.ts for the request checks.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostHandlers } from '../../shared/host/contract.ts';
import { hostErrors } from '../../shared/host/errors.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { dispatchHostRequest, type HostErrorReporter } from '../handlers/dispatch.ts';
import { buildCsp } from '../security/csp.ts';
import { serveRendererFile } from '../static/serveRenderer.ts';
import {
  bodyLimitFor,
  isAllowedHostHeader,
  isAllowedOrigin,
  isLoopbackListenAddress,
  LAUNCH_FRAGMENT_KEY,
  secretsEqual,
  SESSION_HEADER,
} from './guard.ts';

export interface BrowserHostOptions {
  readonly handlers: HostHandlers;
  readonly rendererDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Loopback only: '127.0.0.1' (default) or '::1'. Anything else is refused. */
  readonly listenAddress?: string;
  /** Fixed session secret (tests); otherwise random per run. */
  readonly sessionSecret?: string;
  /** The central server's origin for the CSP's connect-src (read per document). */
  readonly serverOrigin: () => Promise<string | null>;
  readonly reportError?: HostErrorReporter;
}

export interface BrowserHost {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** A fresh one-time launch link: open it in a browser to start a session. */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

const MAX_OUTSTANDING_LAUNCH_TOKENS = 20;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const listenAddress = options.listenAddress ?? '127.0.0.1';
  if (!isLoopbackListenAddress(listenAddress)) {
    throw new Error(`The browser host listens on loopback only, not ${listenAddress}`);
  }
  const sessionSecret = options.sessionSecret ?? randomBytes(32).toString('base64url');
  const launchTokens = new Set<string>();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.reportError?.('http', error);
      if (!res.headersSent) sendJson(res, 500, hostErrors.internal());
      else res.destroy();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 10 * 60_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHostHeader(req.headers.host, port)) {
      // A rebinding attack arrives with the attacker's host name here.
      return sendJson(
        res,
        403,
        fail('HOST_FORBIDDEN_HOST', '拒绝访问：主机名不正确', 'Forbidden Host header'),
      );
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/host' || url.pathname.startsWith('/host/')) {
      if (req.method !== 'POST') {
        return sendJson(res, 405, fail('HOST_METHOD', '仅支持 POST', 'Only POST is allowed'), {
          allow: 'POST',
        });
      }
      if (
        !isAllowedOrigin(
          { origin: header(req, 'origin'), secFetchSite: header(req, 'sec-fetch-site') },
          port,
        )
      ) {
        return sendJson(res, 403, hostErrors.forbidden());
      }
      if (!(header(req, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
        return sendJson(
          res,
          415,
          fail('HOST_CONTENT_TYPE', '请求须为 JSON', 'Content-Type must be application/json'),
        );
      }
      const name = url.pathname.slice('/host/'.length);
      if (name === 'session') return exchangeLaunchToken(req, res);
      if (!secretsEqual(header(req, SESSION_HEADER), sessionSecret)) {
        return sendJson(res, 401, hostErrors.unauthorized());
      }
      const body = await readJsonBody(req, bodyLimitFor(name));
      if (!body.ok)
        return sendJson(res, body.error.code === 'HOST_BODY_TOO_LARGE' ? 413 : 400, body);
      const result = await dispatchHostRequest(
        options.handlers,
        name,
        body.value,
        options.reportError,
      );
      const status = !result.ok && result.error.code === 'HOST_UNKNOWN_CHANNEL' ? 404 : 200;
      return sendJson(res, status, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, fail('HOST_METHOD', '不支持的请求方法', 'Method not allowed'), {
        allow: 'GET, HEAD',
      });
    }
    const serverOrigin = await options.serverOrigin();
    const file = await serveRendererFile(options.rendererDir, url.pathname, {
      csp: (styleNonce) => buildCsp({ serverOrigin, ...(styleNonce ? { styleNonce } : {}) }),
    });
    res.writeHead(file.status, { ...file.headers, 'content-length': String(file.body.length) });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function exchangeLaunchToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req, 4096);
    const token = body.ok && isRecord(body.value) ? body.value.launchToken : undefined;
    if (typeof token !== 'string' || !launchTokens.delete(token)) {
      return sendJson(res, 401, hostErrors.unauthorized());
    }
    return sendJson(res, 200, ok({ session: sessionSecret }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: listenAddress, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address: AddressInfo | string | null = server.address();
  if (
    address === null ||
    typeof address === 'string' ||
    !isLoopbackListenAddress(address.address)
  ) {
    server.close();
    throw new Error('The browser host did not bind to loopback');
  }
  port = address.port;
  const origin = `http://${listenAddress === '::1' ? '[::1]' : '127.0.0.1'}:${port}`;

  return {
    port,
    origin,
    newLaunchUrl() {
      if (launchTokens.size >= MAX_OUTSTANDING_LAUNCH_TOKENS) launchTokens.clear();
      const token = randomBytes(24).toString('base64url');
      launchTokens.add(token);
      return `${origin}/#${LAUNCH_FRAGMENT_KEY}=${token}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `request` field of a JSON body `{ "request": ... }` (undefined when absent). */
async function readJsonBody(req: IncomingMessage, limit: number): Promise<Result<unknown>> {
  const tooLarge = () =>
    fail('HOST_BODY_TOO_LARGE', '请求数据过大', `Request body exceeds ${limit} bytes`);
  const declared = Number(header(req, 'content-length') ?? '0');
  if (declared > limit) {
    req.resume();
    return tooLarge();
  }
  // Event-based, not `for await`: breaking out of the iterator would destroy the socket
  // before the 413 reply is written. Past the limit the rest is drained and dropped.
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', resolve);
    req.once('error', reject);
  });
  if (size > limit) return tooLarge();
  if (size === 0) return ok(undefined);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return hostErrors.badRequest('JSON');
  }
  if (!isRecord(parsed)) return hostErrors.badRequest('body must be {"request": …}');
  return ok(parsed.request);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: Result<unknown>,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extraHeaders,
  });
  res.end(text);
}
