// Hostile input gets a 4xx with { code, message, messageEn } — never a 5xx — and stores
// nothing wrong. Rate limits are per device behind one IP; logs carry no personal data.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../../server/admin/commands.ts';
import { signToken, verifyToken } from '../../../server/auth/tokens.ts';
import { createLogger } from '../../../server/logging.ts';
import { unwrap } from '../../../shared/result.ts';
import {
  api,
  ensureStation,
  inserts,
  loginAs,
  pullUntil,
  pushDocs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { createTestDatabase, databaseKinds } from '../../support/server-db.ts';
import { applicationDoc } from '../../support/server-docs.ts';

describe.each(databaseKinds())('hostile input on %s', (kind) => {
  let server: TestServer;
  let session: Session;
  beforeAll(async () => {
    server = await startTestServer({ kind });
    await ensureStation(server.db, 'S1', '140106');
    session = await loginAs(server, { stationId: 'S1' });
  });
  afterAll(async () => server.close());

  const documents = async () =>
    Number(
      (await server.db.query<{ n: string }>('SELECT count(*)::text AS n FROM documents')).rows[0]
        ?.n,
    );
  const raw = (
    url: string,
    payload: string | Buffer,
    contentType = 'application/json',
    auth: { accessToken: string } | undefined = session,
  ) =>
    api(server, { method: 'POST', url, payload, headers: { 'content-type': contentType } }, auth);
  const expectRefused = (
    response: { statusCode: number; json(): unknown },
    status: number,
    code?: string,
  ) => {
    expect(response.statusCode).toBe(status);
    const body = response.json();
    expect(body).toMatchObject({
      code: code ?? expect.any(String),
      message: expect.any(String),
      messageEn: expect.any(String),
    });
  };
  const docText = (extra: string) => {
    const doc = JSON.stringify(applicationDoc('S1'));
    return `[{"assumedMasterState":null,"newDocumentState":${doc.slice(0, -1)},${extra}}}]`;
  };

  it('refuses malformed JSON, empty documents and the wrong content type', async () => {
    const before = await documents();
    expectRefused(
      await raw('/sync/applications/push', '[{"assumedMasterState":null,'),
      400,
      'BAD_JSON',
    );
    expectRefused(
      await raw('/auth/login', '{"username": "a", }', 'application/json', undefined),
      400,
      'BAD_JSON',
    );
    expectRefused(await raw('/sync/applications/push', 'not json at all'), 400, 'BAD_JSON');
    expectRefused(await raw('/sync/applications/push', '{}'), 400, 'VALIDATION');
    expectRefused(await raw('/sync/applications/push', '[1, 2]'), 400, 'VALIDATION');
    expectRefused(
      await raw('/sync/applications/push', 'a=b', 'application/x-www-form-urlencoded'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectRefused(
      await raw('/sync/applications/push', Buffer.from([0x5b, 0xff, 0xfe, 0x5d])),
      400,
      'BAD_TEXT',
    );
    expect(await documents()).toBe(before);
  });

  it('refuses bodies over the limit: 2 MiB where 1 MiB is allowed, over 8 MiB on push', async () => {
    const twoMiB = JSON.stringify({
      username: 'a'.repeat(2 * 1024 * 1024),
      password: 'x',
      deviceId: 'd',
      deviceSecret: 's',
    });
    expectRefused(
      await raw('/auth/login', twoMiB, 'application/json', undefined),
      413,
      'BODY_TOO_LARGE',
    );
    const nineMiB = `[{"assumedMasterState":null,"newDocumentState":{"id":"${'x'.repeat(9 * 1024 * 1024)}"}}]`;
    expectRefused(await raw('/sync/applications/push', nineMiB), 413, 'BODY_TOO_LARGE');
  });

  it('refuses __proto__, constructor and prototype keys instead of stripping them', async () => {
    const before = await documents();
    for (const extra of [
      '"__proto__":{"isAdmin":true}',
      '"constructor":{"prototype":{"isAdmin":true}}',
      '"prototype":1',
      '"\\u005f_proto__":{}',
    ]) {
      expectRefused(await raw('/sync/applications/push', docText(extra)), 400, 'FORBIDDEN_KEY');
    }
    expectRefused(
      await raw(
        '/auth/login',
        '{"username":"u","password":"p","deviceId":"d","deviceSecret":"s","__proto__":{"role":"admin"}}',
        'application/json',
        undefined,
      ),
      400,
      'FORBIDDEN_KEY',
    );
    expect(await documents()).toBe(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses lone surrogates and NUL characters', async () => {
    const before = await documents();
    expectRefused(
      await raw('/sync/applications/push', docText('"note":"abc\\ud800def"')),
      400,
      'BAD_TEXT',
    );
    expectRefused(
      await raw('/sync/applications/push', docText('"note":"\\udc00"')),
      400,
      'BAD_TEXT',
    );
    expectRefused(
      await raw('/sync/applications/push', docText('"note":"a\\u0000b"')),
      400,
      'BAD_TEXT',
    );
    // A valid pair (an emoji) is fine.
    expect(
      (await raw('/sync/applications/push', docText('"note":"\\ud83d\\ude00 好"'))).statusCode,
    ).toBe(200);
    expect(await documents()).toBe(before + 1);
  });

  it('refuses 100,000-item arrays and deep nesting', async () => {
    const before = await documents();
    const rows = Array.from({ length: 100_000 }, () => ({
      assumedMasterState: null,
      newDocumentState: { id: 'x' },
    }));
    expectRefused(
      await api(server, { method: 'POST', url: '/sync/applications/push', payload: rows }, session),
      400,
      'VALIDATION',
    );
    const manyMedia = applicationDoc('S1', {
      mediaIds: Array.from({ length: 100_000 }, (_, i) => String(i)),
    });
    const result = await pushDocs(server, session, 'applications', inserts([manyMedia]));
    expect(result.status).toBe(200);
    expect(result.rejected[0]).toMatchObject({ code: 'SCHEMA_INVALID', field: 'mediaIds' });
    // Quarantine keeps a huge refused payload by size only.
    const kept = await server.db.query<{ n: number }>(
      'SELECT octet_length(payload) AS n FROM quarantine WHERE doc_id = $1',
      [manyMedia.id],
    );
    expect(kept.rows[0]?.n).toBeLessThan(300 * 1024);
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const response = await raw('/sync/applications/push', deep);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expectRefused(
      await raw(
        '/auth/login',
        JSON.stringify({ username: Array(100_000).fill('a') }),
        'application/json',
        undefined,
      ),
      400,
      'VALIDATION',
    );
    expect(await documents()).toBe(before);
  });

  it('stores SQL-injection strings as plain text and finds nothing with them', async () => {
    const evil = "'); DROP TABLE documents; --";
    const doc = applicationDoc('S1', {
      acceptanceNo: "1' OR '1'='1",
      note: evil,
      display: { applicantName: `张*${evil}`.slice(0, 64), idNumber: '1101********1239' },
    });
    expect((await pushDocs(server, session, 'applications', inserts([doc]))).rejected).toEqual([]);
    const pulled = await pullUntil(server, session, 'applications', (docs) =>
      docs.some((d) => d.id === doc.id),
    );
    expect(pulled.documents.find((d) => d.id === doc.id)).toEqual(doc);
    const login = await api(server, {
      method: 'POST',
      url: '/auth/login',
      payload: {
        username: "admin' --",
        password: "' OR 1=1 --",
        deviceId: session.deviceId,
        deviceSecret: session.deviceSecret,
      },
    });
    expectRefused(login, 401, 'LOGIN_FAILED');
    expectRefused(
      await api(
        server,
        {
          method: 'GET',
          url: `/sync/applications/pull?checkpoint=${encodeURIComponent("c1.' OR 1=1 --")}`,
        },
        session,
      ),
      400,
      'CHECKPOINT_INVALID',
    );
    expectRefused(
      await api(server, {
        method: 'GET',
        url: `/track?acceptanceNo=${encodeURIComponent("x' OR '1'='1")}&birthDate=19900307`,
      }),
      400,
      'VALIDATION',
    );
    expectRefused(
      await api(server, { method: 'GET', url: "/sync/applications';--/pull" }, session),
      400,
      'VALIDATION',
    );
    expect(await documents()).toBeGreaterThan(0);
  });

  it('refuses forged, expired and revoked tokens on sync endpoints and stores nothing', async () => {
    const victim = await loginAs(server, { stationId: 'S1' });
    const claims = verifyToken(server.keys.tokens, victim.accessToken, Date.now() / 1000);
    if (!claims) throw new Error('token');
    const now = Math.floor(Date.now() / 1000);
    const expired = {
      accessToken: signToken(server.keys.tokens, { ...claims, iat: now - 3600, exp: now - 60 }),
    };
    const forged = { accessToken: signToken(Buffer.alloc(32, 1), { ...claims, role: 'admin' }) };
    const before = await documents();
    for (const token of [expired, forged, { accessToken: 'wp1.e30.AAAA' }]) {
      expectRefused(
        await api(
          server,
          {
            method: 'POST',
            url: '/sync/applications/push',
            payload: inserts([applicationDoc('S1')]),
          },
          token,
        ),
        401,
        'TOKEN_INVALID',
      );
      expectRefused(
        await api(server, { method: 'GET', url: '/sync/applications/pull' }, token),
        401,
        'TOKEN_INVALID',
      );
    }
    unwrap(await revokeDevice(server.db, victim.deviceId));
    expectRefused(
      await api(
        server,
        {
          method: 'POST',
          url: '/sync/applications/push',
          payload: inserts([applicationDoc('S1')]),
        },
        victim,
      ),
      403,
      'DEVICE_REVOKED',
    );
    expect(await documents()).toBe(before);
  });

  it('refuses bad parameters with 400 rather than failing', async () => {
    for (const url of [
      '/sync/nosuch/pull',
      '/sync/applications/pull?limit=abc',
      '/sync/applications/pull?limit=0',
      '/sync/applications/pull?limit=999999',
    ]) {
      expectRefused(await api(server, { method: 'GET', url }, session), 400, 'VALIDATION');
    }
    expectRefused(
      await api(
        server,
        { method: 'POST', url: '/numbers/blocks', payload: { count: -1 } },
        session,
      ),
      400,
      'VALIDATION',
    );
    expectRefused(
      await api(
        server,
        { method: 'POST', url: '/numbers/blocks', payload: { serviceIndicator: 'ZZ' } },
        session,
      ),
      400,
      'SERVICE_INDICATOR_NOT_ALLOWED',
    );
  });
});

describe('rate limits, pressure and logs', () => {
  // Start the file's shared PGlite in a hook (hook timeout), not inside the first test.
  beforeAll(async () => {
    await (await createTestDatabase()).drop();
  });

  it('limits two devices behind one IP independently', async () => {
    const server = await startTestServer({
      settings: {
        rateLimit: {
          perDevice: { max: 5, windowMs: 60_000 },
          auth: { max: 100, windowMs: 60_000 },
          track: { max: 3, windowMs: 60_000 },
        },
      },
    });
    try {
      const one = await loginAs(server, { stationId: 'R1' });
      const two = await loginAs(server, { stationId: 'R1' });
      const get = (s: Session) => api(server, { method: 'GET', url: '/sync/applications/pull' }, s);
      for (let i = 0; i < 5; i++) expect((await get(one)).statusCode).toBe(200);
      const limited = await get(one);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/频繁/),
      });
      // Same IP (inject's 127.0.0.1), another device: its own budget.
      expect((await get(two)).statusCode).toBe(200);

      // The public track query is limited per IP.
      const track = (ip: string) =>
        server.app.inject({
          method: 'GET',
          url: '/api/v1/track?acceptanceNo=SL1234&birthDate=19900101',
          remoteAddress: ip,
        });
      for (let i = 0; i < 3; i++) expect((await track('10.0.0.1')).statusCode).toBe(404);
      expect((await track('10.0.0.1')).statusCode).toBe(429);
      expect((await track('10.0.0.2')).statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('answers 503 with a message while the event loop is overloaded', async () => {
    const server = await startTestServer({ settings: { maxEventLoopDelayMs: 1 } });
    try {
      const until = Date.now() + 1_500;
      while (Date.now() < until) {
        // busy: the event loop cannot turn
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      const response = await server.app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('10');
      expect(response.json()).toMatchObject({
        code: 'SERVER_BUSY',
        message: expect.stringMatching(/繁忙/),
      });
    } finally {
      await server.close();
    }
  });

  it('logs no ID numbers, phones, names, passwords or birth dates', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const server = await startTestServer({ logger: createLogger({ level: 'debug', destination }) });
    try {
      const session = await loginAs(server, { stationId: 'L1' });
      const doc = applicationDoc('L1');
      await pushDocs(server, session, 'applications', inserts([doc, { ...doc, id: 'bad' }]));
      await server.app.inject({
        method: 'GET',
        url: `/api/v1/track?acceptanceNo=${doc.acceptanceNo}&birthDate=19900307`,
      });
      server.app.log.info(
        { applicant: doc.applicant, note: '电话 13800138000 身份证 110105199003071239' },
        'diagnostic 13800138000',
      );
      server.app.log.error(new Error('failed for 110105199003071239'));
      const text = lines.join('');
      expect(lines.length).toBeGreaterThan(5);
      for (const secret of [
        '110105199003071239',
        '13800138000',
        '张三',
        session.password,
        '19900307',
        doc.acceptanceNo,
        session.accessToken,
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(text).toContain('[id-number]');
      expect(text).toContain('[mobile]');
    } finally {
      await server.close();
    }
  });
});
