// Two clients and the real server: both write offline, reconnect, and converge; conflicting
// edits resolve by the domain rules and the overwritten values are kept in `conflicts`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import {
  loginAs,
  pullAll,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { stripClientFields } from '../../../renderer/sync/conflict-handler.ts';
import { canonical } from '../../../renderer/sync/conflict-rules.ts';
import { CLIENT_ONLY_FIELDS } from '../../../renderer/db/derived-fields.ts';
import { insertApplication } from '../../../renderer/db/applications.ts';
import { findApplicationsByIdNumber } from '../../../renderer/db/lookups.ts';
import { T0, makeApplication } from '../../unit/db/fixtures.ts';
import { openClient, stopServer, waitFor, type TestClient } from './clients.ts';

const COLLECTIONS = ['applications', 'workOrders', 'conflicts', 'syncIssues', 'auditLog'] as const;
type C = (typeof COLLECTIONS)[number];

let server: TestServer;
let sessionA: Session;
let a: TestClient<C>;
let b: TestClient<C>;

beforeAll(async () => {
  server = await startTestServer({ listen: true });
  const first = await loginAs(server, { stationId: 'S001' });
  sessionA = first;
  const second = await loginAs(server, { stationId: 'S001' });
  a = await openClient({ baseUrl: server.baseUrl!, session: first, collections: COLLECTIONS });
  b = await openClient({ baseUrl: server.baseUrl!, session: second, collections: COLLECTIONS });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  if (server) await stopServer(server);
});

const strip = (doc: { toJSON(): unknown }) => {
  const { _meta, _rev, _attachments, ...rest } = doc.toJSON() as Record<string, unknown>;
  void _meta;
  void _rev;
  void _attachments;
  return rest;
};

async function snapshot(client: TestClient<C>, collection: 'applications' | 'workOrders') {
  const docs = await client.store.db[collection].find({ sort: [{ id: 'asc' }] }).exec();
  // Blind indexes differ per device (each has its own key): compare what the server sees.
  return docs.map((d) => stripClientFields(strip(d), CLIENT_ONLY_FIELDS[collection]));
}

function workOrder(id: string, applicationId: string) {
  return {
    id,
    stationId: 'S001',
    deviceId: 'device-a',
    createdAt: T0,
    updatedAt: T0,
    applicationId,
    kind: 'complaint' as const,
    status: 'open' as const,
    raisedBy: 'clerk-1',
    raisedAt: T0,
    deadlineAt: T0 + 86_400_000,
    notes: [],
  };
}

describe('two clients and the real server', () => {
  it('write offline on both, reconnect, converge by the domain rules with nothing lost', async () => {
    // Shared starting point, synced to both.
    const shared = makeApplication({ note: '原始备注' });
    await insertApplication(a.store, shared);
    const orderId = ulid(T0);
    await a.store.db.workOrders.insert(workOrder(orderId, shared.id));
    await a.engine.awaitInSync();
    await waitFor(async () => (await b.store.db.workOrders.findOne(orderId).exec()) !== null);
    await waitFor(async () => (await b.store.db.applications.findOne(shared.id).exec()) !== null);

    // Both go offline and write.
    a.setOffline(true);
    b.setOffline(true);
    await waitFor(
      () => a.status.getState().state === 'offline' && b.status.getState().state === 'offline',
    );

    const onlyA = makeApplication();
    const onlyB = makeApplication();
    await insertApplication(a.store, onlyA);
    await insertApplication(b.store, onlyB);

    // A: status forward + a note; B: a different note and an edit of the same free-text field.
    const appA = await a.store.db.applications.findOne(shared.id).exec();
    await appA?.incrementalPatch({ status: 'packed', note: 'A 的备注', updatedAt: T0 + 10 });
    const appB = await b.store.db.applications.findOne(shared.id).exec();
    await appB?.incrementalPatch({ note: 'B 的备注', updatedAt: T0 + 20 });
    const note = (id: string, text: string) => ({ id, at: T0 + 5, staffId: 'clerk-1', text });
    await (
      await a.store.db.workOrders.findOne(orderId).exec()
    )?.incrementalModify((d) => ({
      ...d,
      status: 'assigned',
      assigneeId: 'clerk-a',
      notes: [...d.notes, note(ulid(T0 + 1), '来自 A')],
    }));
    await (
      await b.store.db.workOrders.findOne(orderId).exec()
    )?.incrementalModify((d) => ({
      ...d,
      assigneeId: 'clerk-b',
      notes: [...d.notes, note(ulid(T0 + 2), '来自 B')],
    }));
    await waitFor(() => a.status.getState().totalPending === 3); // 1 new + 2 edited

    // A reconnects first (its writes reach the server first), then B.
    a.setOffline(false);
    await waitFor(() => a.status.getState().state !== 'offline');
    await a.engine.awaitInSync();
    b.setOffline(false);
    await waitFor(() => b.status.getState().state !== 'offline');
    await b.engine.awaitInSync();
    await a.engine.awaitInSync();

    await waitFor(async () => {
      const [sa, sb] = await Promise.all([
        snapshot(a, 'applications'),
        snapshot(b, 'applications'),
      ]);
      const [wa, wb] = await Promise.all([snapshot(a, 'workOrders'), snapshot(b, 'workOrders')]);
      const same = canonical(sa) === canonical(sb) && canonical(wa) === canonical(wb);
      return same;
    }, 5000);

    const merged = await a.store.db.applications.findOne(shared.id).exec();
    expect(merged?.status).toBe('packed'); // never backwards
    expect(merged?.note).toBe('B 的备注'); // B's edit reached the server later
    const order = await a.store.db.workOrders.findOne(orderId).exec();
    expect(order?.status).toBe('assigned');
    expect(order?.notes.map((n) => n.text).sort()).toEqual(['来自 A', '来自 B']);
    expect(order?.assigneeId).toBe('clerk-b');
    expect(await a.store.db.applications.count().exec()).toBe(3);
    expect((await findApplicationsByIdNumber(a.store, onlyB.applicant.idNumber)).length).toBe(1);
    expect((await findApplicationsByIdNumber(b.store, onlyA.applicant.idNumber)).length).toBe(1);

    // The overwritten values are kept where a supervisor sees them, on both devices.
    await waitFor(async () => (await a.store.db.conflicts.count().exec()) >= 2);
    const conflicts = await a.store.db.conflicts.find().exec();
    const losing = conflicts.map((c) => ({
      collection: c.collectionName,
      fields: c.fields,
      losing: JSON.parse(c.losing),
    }));
    expect(losing).toContainEqual({
      collection: 'applications',
      fields: ['note'],
      losing: { note: 'A 的备注' },
    });
    expect(losing).toContainEqual({
      collection: 'workOrders',
      fields: ['assigneeId'],
      losing: { assigneeId: 'clerk-a' },
    });
    await waitFor(async () => (await b.store.db.conflicts.count().exec()) === conflicts.length);

    // The server holds exactly what the clients hold.
    for (const collection of ['applications', 'workOrders', 'conflicts'] as const) {
      const onServer = (await pullAll(server, sessionA, collection)).documents.sort((x, y) =>
        x.id < y.id ? -1 : 1,
      );
      const local = (await a.store.db[collection].find({ sort: [{ id: 'asc' }] }).exec()).map(
        (d) => ({
          ...stripClientFields(
            d.toJSON() as Record<string, unknown>,
            CLIENT_ONLY_FIELDS[collection],
          ),
          _deleted: false,
        }),
      );
      expect(canonical(onServer)).toBe(canonical(local));
    }
    expect(a.status.getState().totalPending).toBe(0);
    expect(b.status.getState().issues).toEqual([]);
  });
});
