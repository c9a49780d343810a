// A media document written on one device and changed on another reaches the server and the
// first device. RxDB keeps the pulled document as what the server holds; without an
// (empty) _attachments in it, every later local edit failed before the push (AT4) and
// retried forever, silently (found while measuring sync; fixed in renderer/sync/replication.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, pullAll, startTestServer, type TestServer } from '../../support/server-app.ts';
import { storeMedia } from '../../../renderer/sync/media-queue.ts';
import { T0 } from '../../unit/db/fixtures.ts';
import { openClient, stopServer, waitFor, type TestClient } from './clients.ts';

const COLLECTIONS = ['media', 'conflicts', 'syncIssues'] as const;
type C = (typeof COLLECTIONS)[number];

let server: TestServer;
let reader: { accessToken: string };
let a: TestClient<C>;
let b: TestClient<C>;

beforeAll(async () => {
  server = await startTestServer({ listen: true });
  const first = await loginAs(server, { stationId: 'S040' });
  const second = await loginAs(server, { stationId: 'S040' });
  reader = await loginAs(server, { stationId: 'S040' });
  a = await openClient({ baseUrl: server.baseUrl!, session: first, collections: COLLECTIONS });
  b = await openClient({ baseUrl: server.baseUrl!, session: second, collections: COLLECTIONS });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  if (server) await stopServer(server);
});

describe('media documents edited on another device', () => {
  it('pushes the edit of a pulled media document', async () => {
    const id = '01KE6QVWE0S04000000000000A';
    await storeMedia(
      a.store.db.media,
      {
        id,
        stationId: 'S040',
        deviceId: 'device-a',
        createdAt: T0,
        updatedAt: T0,
        kind: 'document',
        mime: 'image/jpeg',
        page: 1,
      },
      new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x41, 0xff, 0xd9])]),
    );
    await a.engine.awaitInSync();
    await waitFor(async () => (await b.store.db.media.findOne(id).exec()) !== null);
    const pulled = await b.store.db.media.findOne(id).exec();
    await pulled!.incrementalPatch({ page: 2, updatedAt: T0 + 60_000 });
    await b.engine.awaitInSync();
    await waitFor(async () => {
      const [doc] = (await pullAll(server, reader, 'media')).documents.filter(
        (d) => d['id'] === id,
      );
      return doc?.['page'] === 2;
    });
    const [onServer] = (await pullAll(server, reader, 'media')).documents.filter(
      (d) => d['id'] === id,
    );
    expect(onServer?.['updatedAt']).toBe(T0 + 60_000);
    await waitFor(async () => (await a.store.db.media.findOne(id).exec())?.page === 2);
  });
});
