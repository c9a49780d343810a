// The media queue against the real server: many photos go as one missing-question and a few
// batches (counted at the fetch), bytes the server already holds are not sent again, and a
// server without the batch routes (an older v1) still gets every photo by HEAD + PUT; the
// photos come back many to a request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  loginAs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { createMediaQueue, downloadMedia, storeMedia } from '../../../renderer/sync/media-queue.ts';
import { T0 } from '../../unit/db/fixtures.ts';
import { openClient, stopServer, waitFor } from './clients.ts';

let server: TestServer;
let baseUrl: string;

beforeAll(async () => {
  server = await startTestServer({ listen: true });
  baseUrl = server.baseUrl!;
});
afterAll(async () => {
  if (server) await stopServer(server);
});

/** A small JPEG (SOI, APP0, a marker of its own, EOI): the server checks magic bytes. */
const jpeg = (n: number) =>
  new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    ...new TextEncoder().encode(`p${n}`),
    0xff,
    0xd9,
  ]);

/** Counts media requests by method and path; `older` answers 404 for the batch routes. */
function countingFetch(older: boolean) {
  const seen: string[] = [];
  const wrapped: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname.includes('/media/')) {
      const route = url.pathname.replace(/[0-9a-f]{64}$/, ':sha');
      seen.push(`${method} ${route.slice(route.indexOf('/media/'))}`);
      if (older && (route.endsWith('/missing') || route.endsWith('/batch'))) {
        return Promise.resolve(new Response('{"code":"NOT_FOUND"}', { status: 404 }));
      }
    }
    return fetch(input, init);
  };
  return { seen, fetch: wrapped };
}

async function uploadAll(session: Session, older: boolean, count: number) {
  const counting = countingFetch(older);
  const client = await openClient({
    baseUrl,
    session,
    collections: ['media', 'conflicts', 'syncIssues'],
    sync: { fetch: counting.fetch },
  });
  const queue = createMediaQueue({
    media: client.store.db.media,
    http: client.engine.http,
    connectivity: client.engine.connectivity,
    backoff: { baseMs: 50, maxMs: 500 },
    intervalMs: 200,
  });
  try {
    client.setOffline(true);
    const docs = [];
    for (let i = 0; i < count; i += 1) {
      docs.push(
        await storeMedia(
          client.store.db.media,
          {
            id: `01KE6QVWE0${session.stationId}${String(i).padStart(12, '0')}`.slice(0, 26),
            stationId: session.stationId,
            deviceId: session.deviceId,
            createdAt: T0,
            updatedAt: T0,
            kind: 'portrait',
            mime: 'image/jpeg',
          },
          // Two documents share each photo: bytes are sent once, both are confirmed.
          new Blob([jpeg(Math.floor(i / 2) + (older ? 1000 : 0))]),
        ),
      );
    }
    client.setOffline(false);
    await waitFor(async () => (await queue.status()).pending === 0);
    for (const doc of docs) {
      const now = await client.store.db.media.findOne(doc.id).exec();
      expect(now?.uploadState).toBe('uploaded');
      const head = await api(server, { method: 'HEAD', url: `/media/${doc.sha256}` }, session);
      expect(head.statusCode).toBe(200);
    }
    if (!older) {
      // Back in one request, each checked against its hash (the media documents are synced).
      await client.engine.awaitInSync();
      const hashes = [...new Set(docs.map((d) => d.sha256))];
      const back = await downloadMedia(client.engine.http, hashes);
      expect([...(back?.keys() ?? [])].sort()).toEqual([...hashes].sort());
      expect([...(back?.get(docs[0]!.sha256) ?? [])]).toEqual([...jpeg(0)]);
    }
    return counting.seen;
  } finally {
    queue.stop();
    await client.close();
  }
}

describe('media queue against the real server', () => {
  it('sends many photos as one question and one batch, each distinct photo once', async () => {
    const session = await loginAs(server, { stationId: 'S030' });
    const seen = await uploadAll(session, false, 40);
    expect(seen.filter((r) => r === 'POST /media/missing').length).toBeGreaterThanOrEqual(1);
    expect(seen.filter((r) => r === 'POST /media/batch')).toHaveLength(1);
    expect(seen.filter((r) => r.startsWith('PUT') || r.startsWith('HEAD'))).toEqual([]);
  });

  it('falls back to HEAD + PUT per photo on a server without the batch routes', async () => {
    const session = await loginAs(server, { stationId: 'S031' });
    const seen = await uploadAll(session, true, 6);
    expect(seen.filter((r) => r === 'PUT /media/:sha')).toHaveLength(3);
    expect(seen.filter((r) => r === 'HEAD /media/:sha').length).toBeGreaterThanOrEqual(3);
  });
});
