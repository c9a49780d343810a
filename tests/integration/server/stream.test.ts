// Live streams (SSE): resync, scoped change events, heartbeats, revocation, stream tickets,
// fan-out between two server processes through LISTEN/NOTIFY, and the checkpoint never
// skipping a document whose transaction committed late.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../../server/admin/commands.ts';
import { verifyToken } from '../../../server/auth/tokens.ts';
import type { Db } from '../../../server/db/types.ts';
import { pushDocuments } from '../../../server/sync/push.ts';
import { unwrap } from '../../../shared/result.ts';
import {
  api,
  ensureStation,
  inserts,
  loginAs,
  pullAll,
  pullUntil,
  pushDocs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { databaseKinds } from '../../support/server-db.ts';
import { applicationDoc } from '../../support/server-docs.ts';
import { openStream, receivedIds } from '../../support/server-stream.ts';

describe.each(databaseKinds())('streams on %s', (kind) => {
  let server: TestServer;
  let a: Session;
  let b: Session;
  let c: Session;
  beforeAll(async () => {
    server = await startTestServer({ kind, listen: true });
    await ensureStation(server.db, 'S1', '140106');
    await ensureStation(server.db, 'S2', '140105');
    a = await loginAs(server, { stationId: 'S1' });
    b = await loginAs(server, { stationId: 'S1' });
    c = await loginAs(server, { stationId: 'S2' });
  });
  afterAll(async () => server.close());
  const baseUrl = () => server.baseUrl ?? '';

  it("starts with resync, then streams the station's new documents, never another station's", async () => {
    const streamB = await openStream(baseUrl(), 'applications', b);
    const streamC = await openStream(baseUrl(), 'applications', c);
    expect(streamB.status).toBe(200);
    await streamB.waitFor((m) => m.kind === 'resync');
    await streamC.waitFor((m) => m.kind === 'resync');
    const ofS1 = applicationDoc('S1');
    await pushDocs(server, a, 'applications', inserts([ofS1]));
    const ofS2 = applicationDoc('S2');
    await pushDocs(server, c, 'applications', inserts([ofS2]));
    const change = await streamB.waitFor(
      (m) => m.kind === 'change' && m.documents.some((d) => d.id === ofS1.id),
    );
    expect(change.kind === 'change' && change.documents.find((d) => d.id === ofS1.id)).toEqual(
      ofS1,
    );
    await streamC.waitFor((m) => m.kind === 'change' && m.documents.some((d) => d.id === ofS2.id));
    // S1's document was committed first: had C been sent it, it would be here by now.
    expect(receivedIds(streamC)).not.toContain(ofS1.id);
    // The stream's checkpoint is a pull checkpoint: pulling from it finds nothing newer.
    const last = change.kind === 'change' ? change.checkpoint : null;
    expect((await pullAll(server, b, 'applications', last)).documents).toEqual([]);
    streamB.close();
    streamC.close();
  });

  it('sends heartbeat comments and ends the stream of a revoked device', async () => {
    const session = await loginAs(server, { stationId: 'S1' });
    const stream = await openStream(baseUrl(), 'events', session);
    await stream.waitForComment((c) => c === 'heartbeat', 5_000);
    unwrap(await revokeDevice(server.db, session.deviceId));
    await stream.ended;
    const again = await openStream(baseUrl(), 'events', session);
    expect(again.status).toBe(403);
  });

  it('accepts a short-lived stream ticket for EventSource clients', async () => {
    const response = await api(server, { method: 'POST', url: '/sync/stream-ticket' }, a);
    expect(response.statusCode).toBe(200);
    const { ticket, expiresAt } = response.json();
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(60_000);
    const stream = await openStream(baseUrl(), 'applications', { ticket });
    expect(stream.status).toBe(200);
    await stream.waitFor((m) => m.kind === 'resync');
    stream.close();
    const forged = await openStream(baseUrl(), 'applications', {
      ticket: `${ticket.slice(0, -4)}AAAA`,
    });
    expect(forged.status).toBe(401);
    // A ticket is not an access token.
    expect(
      (await api(server, { method: 'GET', url: '/config' }, { accessToken: ticket })).statusCode,
    ).toBe(401);
  });

  it("carries CORS headers for the app's origin on the event stream", async () => {
    const response = await fetch(`${baseUrl()}/api/v1/sync/applications/stream`, {
      headers: {
        authorization: `Bearer ${a.accessToken}`,
        'x-waypost-protocol': '1',
        origin: 'app://waypost',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('app://waypost');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    await response.body?.cancel();
  });

  it('refuses a stream without the protocol version', async () => {
    const response = await fetch(`${baseUrl()}/api/v1/sync/applications/stream`, {
      headers: { authorization: `Bearer ${a.accessToken}` },
    });
    expect(response.status).toBe(426);
  });

  it('fans a push on one server process out to a stream opened on another', async () => {
    const other = await startTestServer({
      database: server.database,
      db: await server.database.openAnother(),
      keys: server.keys,
      listen: true,
    });
    try {
      const stream = await openStream(other.baseUrl ?? '', 'applications', b);
      await stream.waitFor((m) => m.kind === 'resync');
      const doc = applicationDoc('S1');
      await pushDocs(server, a, 'applications', inserts([doc]));
      await stream.waitFor((m) => m.kind === 'change' && m.documents.some((d) => d.id === doc.id));
      stream.close();
    } finally {
      await other.close();
    }
  });

  /** A Db whose transactions wait for `gate` before committing: a slow push. */
  function heldOpen(db: Db, started: () => void, gate: Promise<void>): Db {
    return {
      ...db,
      transaction: (fn) =>
        db.transaction(async (tx) => {
          const result = await fn(tx);
          started();
          await gate;
          return result;
        }),
    };
  }

  it('delivers a document whose transaction commits after a later one (never skipped)', async () => {
    const reader = await loginAs(server, { stationId: 'S1' });
    const { checkpoint: start } = await pullAll(server, reader, 'applications');
    const stream = await openStream(baseUrl(), 'applications', reader);
    await stream.waitFor((m) => m.kind === 'resync');
    const claims = verifyToken(server.keys.tokens, a.accessToken, Date.now() / 1000);
    if (!claims) throw new Error('token');
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = () => {};
    const written = new Promise<void>((resolve) => (started = resolve));
    const early = applicationDoc('S1');
    const late = applicationDoc('S1');
    const slowDb =
      kind === 'postgres'
        ? heldOpen(await server.database.openAnother(), started, gate)
        : heldOpen(server.db, started, gate);
    const slowPush = pushDocuments(slowDb, server.keys, {
      collection: 'applications',
      caller: { claims, scope: { kind: 'stations', stations: ['S1'] } },
      rows: inserts([early]),
      channel: server.app.changeFeed.channel,
    });
    await written; // `early` is written, its transaction still open

    if (kind === 'postgres') {
      // A later transaction commits first; pulls meanwhile must not move past `early`.
      await pushDocs(server, a, 'applications', inserts([late]));
      const meanwhile = await pullAll(server, reader, 'applications', start);
      expect(meanwhile.documents.map((d) => d.id)).not.toContain(late.id);
      release();
      await slowPush;
      // Another test's open transaction on the shared cluster may hold both back a moment.
      const after = await pullUntil(
        server,
        reader,
        'applications',
        (documents) => documents.length >= 2,
        meanwhile.checkpoint,
      );
      expect(after.documents.map((d) => d.id)).toEqual([early.id, late.id]);
    } else {
      // PGlite is one connection: a second push cannot even start until the first commits,
      // so there is no late commit to skip. Show that it waits, and the order holds.
      const second = pushDocs(server, a, 'applications', inserts([late]));
      const raced = await Promise.race([
        second.then(() => 'done'),
        new Promise((r) => setTimeout(() => r('waiting'), 300)),
      ]);
      expect(raced).toBe('waiting');
      release();
      await slowPush;
      await second;
      const after = await pullAll(server, reader, 'applications', start);
      expect(after.documents.map((d) => d.id)).toEqual([early.id, late.id]);
    }
    // The live stream delivers both too.
    await stream.waitFor((m) => m.kind === 'change' && m.documents.some((d) => d.id === early.id));
    await stream.waitFor((m) => m.kind === 'change' && m.documents.some((d) => d.id === late.id));
    stream.close();
  });
});
