// POST /media/missing: one question for many hashes instead of a HEAD per photo.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  ensureStation,
  loginAs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { databaseKinds } from '../../support/server-db.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const jpeg = (seed: string) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from(seed),
    Buffer.from([0xff, 0xd9]),
  ]);

describe.each(databaseKinds())('media missing-query on %s', (kind) => {
  let server: TestServer;
  let session: Session;
  beforeAll(async () => {
    server = await startTestServer({ kind });
    await ensureStation(server.db, 'S1', '140106');
    session = await loginAs(server, { stationId: 'S1' });
  });
  afterAll(async () => server.close());

  const missing = (hashes: unknown) =>
    api(server, { method: 'POST', url: '/media/missing', payload: { sha256: hashes } }, session);

  it('names exactly the hashes the server lacks, once each', async () => {
    const stored = jpeg('missing-1');
    const put = await api(
      server,
      {
        method: 'PUT',
        url: `/media/${sha256(stored)}`,
        payload: stored,
        headers: { 'content-type': 'image/jpeg' },
      },
      session,
    );
    expect(put.statusCode).toBe(201);
    const absent = sha256(jpeg('missing-2'));
    const answer = await missing([sha256(stored), absent, absent]);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ missing: [absent] });
    expect((await missing([])).json()).toEqual({ missing: [] });
  });

  it('refuses malformed hashes, too many at once, and callers without a token', async () => {
    expect((await missing(['../etc/passwd'])).statusCode).toBe(400);
    const many = Array.from({ length: 501 }, (_, i) => sha256(Buffer.from(String(i))));
    expect((await missing(many)).statusCode).toBe(400);
    const anonymous = await api(server, {
      method: 'POST',
      url: '/media/missing',
      payload: { sha256: [] },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
