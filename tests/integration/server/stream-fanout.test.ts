// Stream fan-out at scale: a push wakes only the streams whose scope holds its station, with
// one change-feed scan per notification burst (not one query per open stream); revocations
// (logout, device revoked, staff disabled or given another role) end the affected streams at
// once through the database's NOTIFY, without waiting for a heartbeat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice, setStaffDisabled } from '../../../server/admin/commands.ts';
import { unwrap } from '../../../shared/result.ts';
import {
  api,
  ensureStation,
  inserts,
  loginAs,
  pullAll,
  pushDocs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { createTestDatabase, databaseKinds } from '../../support/server-db.ts';
import type { Db } from '../../../server/db/types.ts';
import { applicationDoc } from '../../support/server-docs.ts';
import { openStream, type StreamReader } from '../../support/server-stream.ts';
import type { StreamMessage } from '../../../shared/sync/protocol.ts';

/** Long enough that only a NOTIFY (never the heartbeat sweep) can end a stream in a test. */
const SLOW_HEARTBEAT_MS = 120_000;

describe.each(databaseKinds())('stream fan-out on %s', (kind) => {
  let server: TestServer;
  let s1: Session;
  let s1peer: Session;
  let s2: Session;
  let supervisor: Session;
  let pulls = 0;
  beforeAll(async () => {
    const database = await createTestDatabase(kind);
    // The pull statement (server/sync/pull.ts) counted, to show up-to-date streams skip it.
    const counting: Db = {
      ...database.db,
      query: (sql, params) => {
        if (/ORDER BY documents\.txid, documents\.seq/.test(sql)) pulls += 1;
        return database.db.query(sql, params);
      },
    };
    server = await startTestServer({
      kind,
      database,
      db: counting,
      listen: true,
      settings: { heartbeatMs: SLOW_HEARTBEAT_MS, streamRecheckMs: 200 },
    });
    await ensureStation(server.db, 'F1', '140106');
    await ensureStation(server.db, 'F2', '140105');
    await ensureStation(server.db, 'F9', '150102');
    s1 = await loginAs(server, { stationId: 'F1' });
    s1peer = await loginAs(server, { stationId: 'F1' });
    s2 = await loginAs(server, { stationId: 'F2' });
    supervisor = await loginAs(server, { stationId: 'F2', role: 'supervisor' });
  });
  afterAll(async () => {
    await server.close();
    await server.database.drop();
  });
  const baseUrl = () => server.baseUrl ?? '';
  const resynced = async (session: Session, collection = 'applications') => {
    const stream = await openStream(baseUrl(), collection, session);
    expect(stream.status).toBe(200);
    await stream.waitFor((m) => m.kind === 'resync');
    return stream;
  };

  it('wakes only the subscriptions whose scope holds the changed station', async () => {
    const woken: string[] = [];
    const feed = server.app.changeFeed;
    const subscriptions = [
      feed.subscribe({
        collection: 'applications',
        scope: { kind: 'stations', stations: ['F1'] },
        onChange: () => woken.push('F1'),
      }),
      feed.subscribe({
        collection: 'applications',
        scope: { kind: 'stations', stations: ['F2'] },
        onChange: () => woken.push('F2'),
      }),
      feed.subscribe({
        collection: 'events',
        scope: { kind: 'stations', stations: ['F1'] },
        onChange: () => woken.push('F1 events'),
      }),
      feed.subscribe({
        collection: 'applications',
        scope: { kind: 'all' },
        onChange: () => woken.push('all'),
      }),
    ];
    try {
      await pushDocs(server, s1, 'applications', inserts([applicationDoc('F1')]));
      await expect.poll(() => woken.includes('F1'), { timeout: 5_000 }).toBe(true);
      // One scan wakes every matching subscription in the same turn: the others were not.
      expect(woken.sort()).toEqual(['F1', 'all']);
    } finally {
      for (const unsubscribe of subscriptions) unsubscribe();
    }
  });

  it('runs one feed scan per push however many streams are open', async () => {
    const streams: StreamReader[] = [];
    for (let i = 0; i < 12; i += 1) streams.push(await resynced(i % 2 === 0 ? s2 : s1peer));
    const others = await resynced(supervisor); // region 1401: sees F1 and F2
    try {
      const before = server.app.changeFeed.scans;
      const doc = applicationDoc('F1');
      await pushDocs(server, s1, 'applications', inserts([doc]));
      const hasDoc = (m: StreamMessage) =>
        m.kind === 'change' && m.documents.some((d) => d.id === doc.id);
      await others.waitFor(hasDoc);
      for (const [i, stream] of streams.entries()) {
        if (i % 2 === 1) await stream.waitFor(hasDoc);
      }
      // Coalesced: at most a scan for the signal and one for a signal that arrived meanwhile.
      expect(server.app.changeFeed.scans - before).toBeLessThanOrEqual(2);
      // F2's streams were never sent F1's document.
      for (const [i, stream] of streams.entries()) {
        if (i % 2 === 0) expect(stream.messages.some(hasDoc)).toBe(false);
      }
    } finally {
      for (const stream of [...streams, others]) stream.close();
    }
  });

  it('sends a push to up-to-date streams without a pull query per stream', async () => {
    const streams: StreamReader[] = [];
    for (let i = 0; i < 6; i += 1) streams.push(await resynced(s1peer));
    // Let the streams' first pulls finish before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = pulls;
    try {
      // Another station's push moves the feed on without these streams: they stay up to date.
      await pushDocs(server, s2, 'applications', inserts([applicationDoc('F2')]));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const doc = applicationDoc('F1');
      await pushDocs(server, s1, 'applications', inserts([doc]));
      for (const stream of streams) {
        const change = await stream.waitFor(
          (m) => m.kind === 'change' && m.documents.some((d) => d.id === doc.id),
        );
        // Its checkpoint is a pull checkpoint: nothing newer to pull from it.
        const checkpoint = change.kind === 'change' ? change.checkpoint : null;
        expect((await pullAll(server, s1peer, 'applications', checkpoint)).documents).toEqual([]);
      }
      // The pulls just above are the only ones: 6 of them, none from the streams.
      expect(pulls - before).toBe(6);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('ends the streams of a session at logout, without waiting for a heartbeat', async () => {
    const session = await loginAs(server, { stationId: 'F9' });
    const a = await resynced(session);
    const b = await resynced(session, 'events');
    const bystander = await resynced(await loginAs(server, { stationId: 'F9' }));
    const response = await api(server, { method: 'POST', url: '/auth/logout' }, session);
    expect(response.statusCode).toBe(204);
    await Promise.all([a.ended, b.ended]);
    // Another session's stream is untouched and still delivers.
    const doc = applicationDoc('F9');
    await pushDocs(
      server,
      await loginAs(server, { stationId: 'F9' }),
      'applications',
      inserts([doc]),
    );
    await bystander.waitFor((m) => m.kind === 'change' && m.documents.some((d) => d.id === doc.id));
    bystander.close();
  });

  it('ends the streams of a revoked device and of a disabled staff member at once', async () => {
    const onDevice = await loginAs(server, { stationId: 'F9' });
    const deviceStream = await resynced(onDevice);
    unwrap(await revokeDevice(server.db, onDevice.deviceId));
    await deviceStream.ended;
    expect((await openStream(baseUrl(), 'applications', onDevice)).status).toBe(403);

    const clerk = await loginAs(server, { stationId: 'F9' });
    const staffStream = await resynced(clerk, 'waybills');
    unwrap(await setStaffDisabled(server.db, clerk.username, true));
    await staffStream.ended;
    expect((await openStream(baseUrl(), 'waybills', clerk)).status).toBe(403);
  });

  it('ends the streams of a staff member whose role changes (the scope is re-read)', async () => {
    const clerk = await loginAs(server, { stationId: 'F9' });
    const stream = await resynced(clerk);
    await server.db.query(`UPDATE staff SET role = 'supervisor' WHERE id = $1`, [clerk.staffId]);
    await stream.ended;
  });

  it('the sweep ends a stream whose revocation it was not told about', async () => {
    const session = await loginAs(server, { stationId: 'F9' });
    const stream = await resynced(session);
    // As if the NOTIFY were lost (a dropped LISTEN connection): the trigger is bypassed.
    await server.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE devices DISABLE TRIGGER devices_revoked');
      await tx.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [session.deviceId]);
      await tx.query('ALTER TABLE devices ENABLE TRIGGER devices_revoked');
    });
    await server.app.sessionWatch.sweep();
    await stream.ended;
  });

  // PGlite listens in-process: there is no connection to drop.
  if (kind === 'postgres')
    it('listens again after the LISTEN connection is dropped, and streams keep delivering', async () => {
      const stream = await resynced(s1peer);
      const { rows } = await server.db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND query LIKE $1`,
        [`%${server.database.schema}%`],
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const { pid } of rows) await server.db.query('SELECT pg_terminate_backend($1)', [pid]);
      // The heartbeat sweep is minutes away: only a new LISTEN can deliver this promptly.
      const doc = applicationDoc('F1');
      await expect
        .poll(
          async () => {
            await pushDocs(server, s1, 'applications', inserts([applicationDoc('F1')]));
            return stream.messages.some((m) => m.kind === 'change');
          },
          { timeout: 15_000, interval: 1_000 },
        )
        .toBe(true);
      await pushDocs(server, s1, 'applications', inserts([doc]));
      await stream.waitFor((m) => m.kind === 'change' && m.documents.some((d) => d.id === doc.id));
      stream.close();
    });
});
