// /health, /metrics, migrations and the protocol gate, on each database kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../server/db/migrate.ts';
import { api, startTestServer, type TestServer } from '../../support/server-app.ts';
import { databaseKinds } from '../../support/server-db.ts';

describe.each(databaseKinds())('server basics on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind });
  });
  afterAll(async () => server.close());

  it('reports health with the database kind and version', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: expect.any(String), database: kind });
  });

  it('serves Prometheus metrics counting requests by route and status', async () => {
    await server.app.inject({ method: 'GET', url: '/health' });
    const response = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('# TYPE waypost_http_requests_total counter');
    expect(response.body).toMatch(
      /waypost_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/,
    );
    expect(response.body).toContain('waypost_open_streams');
  });

  it('answers 426 with a Chinese and English message without a supported protocol header', async () => {
    for (const headers of [{}, { 'x-waypost-protocol': '0' }, { 'x-waypost-protocol': 'abc' }]) {
      const response = await server.app.inject({ method: 'GET', url: '/api/v1/config', headers });
      expect(response.statusCode).toBe(426);
      const body = response.json();
      expect(body.code).toBe('PROTOCOL_UNSUPPORTED');
      expect(body.message).toMatch(/升级/);
      expect(body.messageEn).toMatch(/update/i);
    }
  });

  it('answers unknown endpoints with a 404 error body', async () => {
    const response = await api(server, { method: 'GET', url: '/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('re-running migrations applies nothing and records each once', async () => {
    expect(await migrate(server.db)).toEqual([]);
    const { rows } = await server.db.query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual((await loadMigrations()).map((m) => m.version));
  });

  it("answers CORS preflights for the app's origins only", async () => {
    const preflight = (origin: string) =>
      server.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/sync/applications/push',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, x-waypost-protocol',
        },
      });
    for (const origin of ['app://waypost', 'http://127.0.0.1:5173', 'http://localhost:8080']) {
      const response = await preflight(origin);
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(origin);
      expect(String(response.headers['access-control-allow-headers'])).toContain(
        'x-waypost-protocol',
      );
    }
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const get = await server.app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'app://waypost' },
    });
    expect(get.headers['access-control-allow-origin']).toBe('app://waypost');
  });

  it('sets security headers (helmet)', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  });
});
