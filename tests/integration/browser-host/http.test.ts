// The browser host over real HTTP on loopback: who may call it and who may not.
import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../../electron/browser-host/server.ts';
import type { HostHandlers } from '../../../shared/host/contract.ts';
import { rawRequest, startTestHost, type RawResponse } from './support.ts';

const SECRET = 'test-session-secret-0123456789abcdef';
let ctx: Awaited<ReturnType<typeof startTestHost>>;
let port: number;

beforeAll(async () => {
  ctx = await startTestHost({ sessionSecret: SECRET });
  port = ctx.host.port;
});
afterAll(() => ctx.stop());

const ownOrigin = () => `http://127.0.0.1:${port}`;
const call = (channel: string, headers: Record<string, string>, body = '{}') =>
  rawRequest(port, {
    method: 'POST',
    path: `/host/${channel}`,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
const good = () => ({
  origin: ownOrigin(),
  'sec-fetch-site': 'same-origin',
  'x-waypost-session': SECRET,
});
const errorCode = (res: RawResponse) => (res.json() as { error?: { code?: string } }).error?.code;

describe('browser host over HTTP', () => {
  it('answers a well-formed call from its own origin with the handler result', async () => {
    const res = await call('app.info', good());
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      ok: true,
      value: { hostKind: 'browser', keyProtection: 'file' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('also serves non-browser clients (no Origin, no Sec-Fetch-Site) that hold the secret', async () => {
    const res = await call('settings.get', { 'x-waypost-session': SECRET });
    expect(res.json()).toMatchObject({ ok: true, value: { serverUrl: 'http://127.0.0.1:8787' } });
  });

  it('401 without or with a wrong session secret', async () => {
    const { 'x-waypost-session': _drop, ...noSecret } = good();
    for (const headers of [
      noSecret,
      { ...good(), 'x-waypost-session': 'wrong' },
      { ...good(), 'x-waypost-session': `${SECRET}x` },
    ]) {
      const res = await call('keys.databaseKey', headers);
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('HOST_UNAUTHORIZED');
      expect(res.body).not.toContain('"key"');
    }
  });

  it('403 for a foreign Origin, even with the right secret', async () => {
    for (const origin of [
      'https://evil.example',
      `http://127.0.0.1:${port + 1}`,
      'null',
      `http://127.0.0.1.evil.example:${port}`,
    ]) {
      const res = await call('keys.databaseKey', { ...good(), origin });
      expect(res.status, origin).toBe(403);
      expect(errorCode(res)).toBe('HOST_FORBIDDEN');
    }
    const crossSite = await call('keys.databaseKey', { ...good(), 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const siteOnly = await call('keys.databaseKey', {
      'x-waypost-session': SECRET,
      'sec-fetch-site': 'same-site',
    });
    expect(siteOnly.status).toBe(403);
  });

  it('403 for a DNS-rebinding Host header, on API and static routes', async () => {
    for (const host of [
      `attacker.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      `localhost.attacker.example:${port}`,
    ]) {
      const api = await call('keys.databaseKey', { ...good(), host });
      expect(api.status, host).toBe(403);
      expect(errorCode(api)).toBe('HOST_FORBIDDEN_HOST');
      const page = await rawRequest(port, { path: '/', headers: { host } });
      expect(page.status, host).toBe(403);
    }
    const localhost = await call('app.info', {
      ...good(),
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
    });
    expect(localhost.status).toBe(200);
  });

  it('refuses other methods, content types, unknown channels and bad bodies', async () => {
    expect((await rawRequest(port, { method: 'GET', path: '/host/app.info' })).status).toBe(405);
    const preflight = await rawRequest(port, {
      method: 'OPTIONS',
      path: '/host/app.info',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const text = await rawRequest(port, {
      method: 'POST',
      path: '/host/app.info',
      headers: { ...good(), 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    expect((await call('nope.nothing', good())).status).toBe(404);
    expect(errorCode(await call('app.info', good(), '{not json'))).toBe('HOST_BAD_REQUEST');
    expect(
      errorCode(
        await call('settings.set', good(), JSON.stringify({ request: { idleLockMinutes: 'x' } })),
      ),
    ).toBe('HOST_BAD_REQUEST');
  });

  it('413 for a body over the channel limit', async () => {
    const big = JSON.stringify({
      request: { entries: [{ level: 'info', message: 'x'.repeat(2 * 1024 * 1024) }] },
    });
    const res = await call('log.write', good(), big);
    expect(res.status).toBe(413);
    expect(errorCode(res)).toBe('HOST_BODY_TOO_LARGE');
    // the connection survives and the host still answers
    expect((await call('app.info', good())).status).toBe(200);
  });

  it('exchanges a launch token for the session exactly once', async () => {
    const url = new URL(ctx.host.newLaunchUrl());
    const token = new URLSearchParams(url.hash.slice(1)).get('waypost-launch') ?? '';
    expect(url.origin).toBe(ownOrigin());
    expect(url.search).toBe('');
    const body = JSON.stringify({ request: { launchToken: token } });
    const first = await call(
      'session',
      { origin: ownOrigin(), 'sec-fetch-site': 'same-origin' },
      body,
    );
    expect(first.json()).toEqual({ ok: true, value: { session: SECRET } });
    const again = await call(
      'session',
      { origin: ownOrigin(), 'sec-fetch-site': 'same-origin' },
      body,
    );
    expect(again.status).toBe(401);
    const other = ctx.host.newLaunchUrl();
    const stolen = await call(
      'session',
      { origin: 'https://evil.example' },
      JSON.stringify({
        request: {
          launchToken: new URLSearchParams(new URL(other).hash.slice(1)).get('waypost-launch'),
        },
      }),
    );
    expect(stolen.status).toBe(403);
  });

  it('serves the renderer with the CSP naming the configured server', async () => {
    const res = await rawRequest(port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain(
      "connect-src 'self' http://127.0.0.1:8787",
    );
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('listens on loopback only', async () => {
    const handlers = {} as HostHandlers;
    for (const listenAddress of ['0.0.0.0', '::', '192.168.1.10', 'localhost']) {
      await expect(
        startBrowserHost({
          handlers,
          rendererDir: ctx.rendererDir,
          listenAddress,
          serverOrigin: async () => null,
        }),
      ).rejects.toThrow(/loopback/);
    }
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (external) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = createConnection({ host: external, port }, () => {
          socket.destroy();
          resolve(false);
        });
        socket.on('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  });
});
