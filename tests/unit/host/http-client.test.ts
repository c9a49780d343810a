// The renderer's HTTP transport against real sockets: errors come back as data.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpInvoker } from '../../../renderer/host/http.ts';

describe('renderer HTTP host client', () => {
  it('answers HOST_UNAUTHORIZED without a session, without calling the network', async () => {
    let called = false;
    const invoke = createHttpInvoker({
      session: null,
      fetch: async () => {
        called = true;
        return new Response('{}');
      },
    });
    expect(await invoke('app.info', undefined)).toMatchObject({
      ok: false,
      error: { code: 'HOST_UNAUTHORIZED' },
    });
    expect(called).toBe(false);
  });

  it('answers HOST_UNREACHABLE when the host is gone or replies garbage', async () => {
    const gone = createHttpInvoker({ session: 's', fetch, baseUrl: 'http://127.0.0.1:9' });
    expect(await gone('app.info', undefined)).toMatchObject({
      ok: false,
      error: { code: 'HOST_UNREACHABLE' },
    });

    const server = createServer((_req, res) => res.end('<html>proxy error</html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const garbage = createHttpInvoker({ session: 's', fetch, baseUrl });
      expect(await garbage('app.info', undefined)).toMatchObject({
        ok: false,
        error: { code: 'HOST_UNREACHABLE' },
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('sends the channel in the path, the session header and the request envelope', async () => {
    const seen: { url: string; session: string | null; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({
          url: req.url ?? '',
          session: (req.headers['x-waypost-session'] as string) ?? null,
          body,
        });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, value: { written: 1 } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const invoke = createHttpInvoker({ session: Promise.resolve('abc'), fetch, baseUrl });
      const request = { entries: [{ level: 'info' as const, message: 'hi' }] };
      expect(await invoke('log.write', request)).toEqual({ ok: true, value: { written: 1 } });
      expect(seen).toEqual([
        { url: '/host/log.write', session: 'abc', body: JSON.stringify({ request }) },
      ]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
