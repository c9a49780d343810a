// POST /media/missing (one question for many hashes instead of a HEAD per photo) and
// POST /media/batch (many photos in one body, each checked as a PUT is) and POST /media/fetch
// (many photos back, only those a media document in the caller's scope names).
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  ensureStation,
  inserts,
  loginAs,
  pushDocs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { databaseKinds } from '../../support/server-db.ts';
import {
  MEDIA_BATCH_CONTENT_TYPE,
  frameHeader,
  readFrames,
} from '../../../shared/sync/media-batch.ts';
import { ulid } from 'ulid';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const jpeg = (seed: string) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from(seed),
    Buffer.from([0xff, 0xd9]),
  ]);

describe.each(databaseKinds())('media missing-query and batch upload on %s', (kind) => {
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

  const batch = (frames: { sha256: string; bytes: Buffer }[], type = MEDIA_BATCH_CONTENT_TYPE) =>
    api(
      server,
      {
        method: 'POST',
        url: '/media/batch',
        payload: Buffer.concat(
          frames.flatMap((f) => [Buffer.from(frameHeader(f.sha256, f.bytes.length)), f.bytes]),
        ),
        headers: { 'content-type': type },
      },
      session,
    );

  it('stores a batch, each photo checked as a PUT is, audited once per new file', async () => {
    const fresh = jpeg('batch-1');
    const again = jpeg('batch-1'); // the same bytes twice in one batch
    const before = jpeg('batch-2');
    const put = await api(
      server,
      {
        method: 'PUT',
        url: `/media/${sha256(before)}`,
        payload: before,
        headers: { 'content-type': 'image/jpeg' },
      },
      session,
    );
    expect(put.statusCode).toBe(201);
    const notJpeg = Buffer.from('plain text, not a photo');
    const answer = await batch([
      { sha256: sha256(fresh), bytes: fresh },
      { sha256: sha256(again), bytes: again },
      { sha256: sha256(before), bytes: before },
      { sha256: sha256(jpeg('other')), bytes: jpeg('batch-3') },
      { sha256: sha256(notJpeg), bytes: notJpeg },
    ]);
    expect(answer.statusCode).toBe(200);
    const body = answer.json<{ accepted: string[]; refused: { id: string; code: string }[] }>();
    expect(body.accepted.sort()).toEqual([sha256(fresh), sha256(before)].sort());
    expect(body.refused.map((r) => [r.id, r.code])).toEqual([
      [sha256(jpeg('other')), 'MEDIA_HASH_MISMATCH'],
      [sha256(notJpeg), 'MEDIA_TYPE'],
    ]);
    const hash = sha256(fresh);
    const file = join(server.dataDir, 'media', hash.slice(0, 2), hash.slice(2, 4), hash);
    expect((await stat(file)).size).toBe(fresh.length);
    const { rows } = await server.db.query<{ detail: string }>(
      "SELECT detail FROM audit WHERE action = 'media_upload' AND detail = ANY($1::text[])",
      [[sha256(fresh), sha256(before)]],
    );
    expect(rows.map((r) => r.detail).sort()).toEqual([sha256(fresh), sha256(before)].sort());
    expect((await missing([hash])).json()).toEqual({ missing: [] });
  });

  it('refuses a malformed batch whole, another content type, and callers without a token', async () => {
    const good = jpeg('batch-4');
    const frames = Buffer.concat([Buffer.from(frameHeader(sha256(good), good.length)), good]);
    const truncated = await api(
      server,
      {
        method: 'POST',
        url: '/media/batch',
        payload: frames.subarray(0, frames.length - 1),
        headers: { 'content-type': MEDIA_BATCH_CONTENT_TYPE },
      },
      session,
    );
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json()).toMatchObject({ code: 'MEDIA_BATCH_MALFORMED' });
    expect((await missing([sha256(good)])).json()).toEqual({ missing: [sha256(good)] });
    expect((await batch([{ sha256: sha256(good), bytes: good }], 'image/jpeg')).statusCode).toBe(
      415,
    );
    const anonymous = await api(server, {
      method: 'POST',
      url: '/media/batch',
      payload: frames,
      headers: { 'content-type': MEDIA_BATCH_CONTENT_TYPE },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('sends back, in one body, the photos that media documents in scope name', async () => {
    const mine = jpeg('fetch-1');
    const theirs = jpeg('fetch-2');
    const stored = await batch([
      { sha256: sha256(mine), bytes: mine },
      { sha256: sha256(theirs), bytes: theirs },
    ]);
    expect(stored.json<{ accepted: string[] }>().accepted).toHaveLength(2);
    await ensureStation(server.db, 'S2', '140105');
    const other = await loginAs(server, { stationId: 'S2' });
    const media = (who: Session, hash: string, bytes: Buffer) => ({
      id: ulid(),
      stationId: who.stationId,
      deviceId: who.deviceId,
      createdAt: 1_767_225_600_000,
      updatedAt: 1_767_225_600_000,
      sha256: hash,
      kind: 'portrait',
      mime: 'image/jpeg',
      bytes: bytes.length,
      _deleted: false,
    });
    for (const [who, bytes] of [
      [session, mine],
      [other, theirs],
    ] as const) {
      const pushed = await pushDocs(
        server,
        who,
        'media',
        inserts([media(who, sha256(bytes), bytes)]),
      );
      expect(pushed.rejected).toEqual([]);
    }
    const answer = await api(
      server,
      {
        method: 'POST',
        url: '/media/fetch',
        payload: { sha256: [sha256(mine), sha256(theirs), sha256(jpeg('never'))] },
      },
      session,
    );
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toContain(MEDIA_BATCH_CONTENT_TYPE);
    expect(answer.headers['cache-control']).toBe('private, no-store');
    const frames = readFrames(answer.rawPayload, 1 << 20);
    expect(
      frames.ok && frames.value.map((f) => [f.sha256, Buffer.from(f.bytes).equals(mine)]),
    ).toEqual([[sha256(mine), true]]);
  });
});
