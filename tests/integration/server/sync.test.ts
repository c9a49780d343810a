// Push and pull: station scope, per-document rejection with quarantine, conflicts, append-only
// collections, idempotent replays, encryption at rest — against a real server and database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
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
import { encodeCheckpoint } from '../../../server/sync/checkpoint.ts';
import { repairFutureTxids } from '../../../server/sync/pull.ts';
import { applicationDoc, eventDoc } from '../../support/server-docs.ts';

describe.each(databaseKinds())('sync on %s', (kind) => {
  let server: TestServer;
  let a: Session; // device A, station S1
  let b: Session; // device B, station S1
  let c: Session; // device C, station S2 (same city)
  let far: Session; // station in Shenzhen
  beforeAll(async () => {
    server = await startTestServer({ kind });
    await ensureStation(server.db, 'S1', '140106');
    await ensureStation(server.db, 'S2', '140105');
    await ensureStation(server.db, 'SZ', '440305');
    a = await loginAs(server, { stationId: 'S1' });
    b = await loginAs(server, { stationId: 'S1' });
    c = await loginAs(server, { stationId: 'S2' });
    far = await loginAs(server, { stationId: 'SZ' });
  });
  afterAll(async () => server.close());

  const count = async (sql: string, params: string[] = []) =>
    Number(
      (await server.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${sql}`, params))
        .rows[0]?.n,
    );

  it("A's documents reach B of the same station, never C of another; C cannot push them", async () => {
    const doc = applicationDoc('S1');
    const pushed = await pushDocs(server, a, 'applications', inserts([doc]));
    expect(pushed).toEqual({ status: 200, conflicts: [], rejected: [] });

    const seenByB = await pullUntil(server, b, 'applications', (docs) =>
      docs.some((d) => d.id === doc.id),
    );
    expect(seenByB.documents.find((d) => d.id === doc.id)).toEqual(doc);
    const seenByC = await pullAll(server, c, 'applications');
    expect(seenByC.documents.some((d) => d.stationId === 'S1')).toBe(false);

    // C edits A's document, or creates one in S1's name: refused, nothing changes.
    const edit = await pushDocs(server, c, 'applications', [
      { assumedMasterState: doc, newDocumentState: { ...doc, note: '改' } },
    ]);
    const forged = await pushDocs(server, c, 'applications', inserts([applicationDoc('S1')]));
    for (const result of [edit, forged]) {
      expect(result.status).toBe(200);
      expect(result.rejected).toEqual([
        expect.objectContaining({
          code: 'OUT_OF_SCOPE',
          message: expect.stringMatching(/网点/),
          field: 'stationId',
        }),
      ]);
    }
    // Nor may C hijack it by pushing the same id under its own station.
    const hijack = await pushDocs(server, c, 'applications', [
      { assumedMasterState: doc, newDocumentState: { ...doc, stationId: 'S2' } },
    ]);
    expect(hijack.rejected[0]?.code).toBe('OUT_OF_SCOPE');
    const pulled = await pullUntil(server, b, 'applications', (docs) =>
      docs.some((d) => d.id === doc.id),
    );
    expect(pulled.documents.find((d) => d.id === doc.id)).toEqual(doc);
  });

  it('shares a document naming another station as toStationId with both stations', async () => {
    const application = applicationDoc('S1');
    const event = eventDoc('S1', application.id, {
      type: 'materials_handed_over',
      toStationId: 'S2',
    });
    expect((await pushDocs(server, a, 'events', inserts([event]))).rejected).toEqual([]);
    await pullUntil(server, c, 'events', (docs) => docs.some((d) => d.id === event.id));
    expect((await pullAll(server, far, 'events')).documents.map((d) => d.id)).not.toContain(
      event.id,
    );
  });

  it("lets a supervisor see their city's stations and an admin everything", async () => {
    const inS2 = applicationDoc('S2');
    const inSz = applicationDoc('SZ');
    await pushDocs(server, c, 'applications', inserts([inS2]));
    await pushDocs(server, far, 'applications', inserts([inSz]));
    const supervisor = await loginAs(server, { stationId: 'S1', role: 'supervisor' });
    const admin = await loginAs(server, { stationId: 'S1', role: 'admin' });
    const supervised = (
      await pullUntil(server, supervisor, 'applications', (docs) =>
        docs.some((d) => d.id === inS2.id),
      )
    ).documents.map((d) => d.id);
    expect(supervised).toContain(inS2.id);
    expect(supervised).not.toContain(inSz.id);
    await pullUntil(server, admin, 'applications', (docs) =>
      [inS2.id, inSz.id].every((id) => docs.some((d) => d.id === id)),
    );
  });

  it('pulls in pages with a checkpoint that resumes exactly after the last document', async () => {
    const session = await loginAs(server, { stationId: 'S1' });
    const before = await pullAll(server, session, 'vehicles');
    const docs = Array.from({ length: 25 }, () => ({
      id: ulid(),
      stationId: 'S1',
      deviceId: 'd',
      createdAt: 1_767_225_600_000,
      updatedAt: 1_767_225_600_000,
      applicationId: ulid(),
      plate: '晋A12345',
      plateKind: '小型汽车',
      vin: 'LJCPCBLCX11000237',
      owner: { name: '李四', idNumber: '440305200002294564' },
      _deleted: false,
    }));
    expect((await pushDocs(server, session, 'vehicles', inserts(docs))).rejected).toEqual([]);
    await pullUntil(
      server,
      session,
      'vehicles',
      (got) => got.length === docs.length,
      before.checkpoint,
    );
    const paged = await pullAll(server, session, 'vehicles', before.checkpoint, 7);
    expect(paged.documents.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    const nothing = await pullAll(server, session, 'vehicles', paged.checkpoint, 7);
    expect(nothing.documents).toEqual([]);
    expect(nothing.checkpoint).toBe(paged.checkpoint);
    const bad = await api(
      server,
      { method: 'GET', url: '/sync/vehicles/pull?checkpoint=forged' },
      session,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('CHECKPOINT_INVALID');
  });

  it('stores 99 of a batch of 100 and rejects the invalid one with its reason, kept in quarantine', async () => {
    const docs = Array.from({ length: 100 }, () => applicationDoc('S1'));
    const bad = { ...docs[42]!, status: 'teleported' };
    docs[42] = bad;
    const before = await count(`documents WHERE collection = 'applications'`);
    const result = await pushDocs(server, a, 'applications', inserts(docs));
    expect(result.status).toBe(200);
    expect(result.conflicts).toEqual([]);
    expect(result.rejected).toEqual([
      {
        id: bad.id,
        code: 'STATUS_UNKNOWN',
        message: '未知的业务状态：teleported',
        messageEn: 'Unknown application status: teleported',
        field: 'status',
      },
    ]);
    expect(await count(`documents WHERE collection = 'applications'`)).toBe(before + 99);
    expect(await count('documents WHERE id = $1', [bad.id])).toBe(0);
    const { rows } = await server.db.query<{ code: string; field: string; payload: Uint8Array }>(
      'SELECT code, field, payload FROM quarantine WHERE doc_id = $1',
      [bad.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ code: 'STATUS_UNKNOWN', field: 'status' });
    // The quarantined payload is encrypted like stored documents.
    expect(Buffer.from(rows[0]!.payload).toString('latin1')).not.toContain('110105199003071239');
    expect(await count(`audit WHERE action = 'reject' AND doc_id = $1`, [bad.id])).toBe(1);
  });

  it('rejects schema violations with the offending field', async () => {
    const missing = applicationDoc('S1');
    delete (missing as Partial<typeof missing>).acceptanceNo;
    const extra = { ...applicationDoc('S1'), secretField: 1 };
    const badId = { ...applicationDoc('S1'), id: 'not-a-ulid' };
    const result = await pushDocs(server, a, 'applications', inserts([missing, extra, badId]));
    expect(result.rejected.map((r) => [r.code, r.field])).toEqual([
      ['SCHEMA_INVALID', 'acceptanceNo'],
      ['SCHEMA_INVALID', 'secretField'],
      ['SCHEMA_INVALID', 'id'],
    ]);
    expect(result.rejected[0]?.message).toBe('缺少必填字段：acceptanceNo');
  });

  it('answers a stale edit with the master state and applies an edit based on it', async () => {
    const doc = applicationDoc('S1');
    await pushDocs(server, a, 'applications', inserts([doc]));
    const byA = { ...doc, note: 'A 的修改', updatedAt: doc.updatedAt + 1 };
    expect(
      (
        await pushDocs(server, a, 'applications', [
          { assumedMasterState: doc, newDocumentState: byA },
        ])
      ).conflicts,
    ).toEqual([]);
    const byB = { ...doc, note: 'B 的修改', updatedAt: doc.updatedAt + 2 };
    const stale = await pushDocs(server, b, 'applications', [
      { assumedMasterState: doc, newDocumentState: byB },
    ]);
    expect(stale.conflicts).toEqual([byA]);
    // RxDB meta fields do not count as a difference.
    const withMeta = { ...byA, _meta: { lwt: 1 }, _rev: '3-abc', _attachments: {} };
    const resolved = { ...byB, note: 'A 的修改；B 的修改' };
    const retry = await pushDocs(server, b, 'applications', [
      { assumedMasterState: withMeta, newDocumentState: resolved },
    ]);
    expect(retry).toEqual({ status: 200, conflicts: [], rejected: [] });
    const final = await pullUntil(server, a, 'applications', (docs) =>
      docs.some((d) => d.id === doc.id && d.note === resolved.note),
    );
    expect(final.documents.find((d) => d.id === doc.id)).toEqual(resolved);
    // A new document pushed as new while the server already has it is a conflict too.
    const again = await pushDocs(
      server,
      a,
      'applications',
      inserts([{ ...doc, note: '另一版本' }]),
    );
    expect(again.conflicts).toEqual([resolved]);
  });

  it('never lets the status move backwards except through an allowed recovery', async () => {
    const doc = applicationDoc('S1', { status: 'dispatched' });
    await pushDocs(server, a, 'applications', inserts([doc]));
    const back = await pushDocs(server, a, 'applications', [
      { assumedMasterState: doc, newDocumentState: { ...doc, status: 'accepted' } },
    ]);
    expect(back.rejected[0]).toMatchObject({ code: 'STATUS_BACKWARDS', field: 'status' });
    const failed = { ...doc, status: 'failed_attempt' };
    expect(
      (
        await pushDocs(server, a, 'applications', [
          { assumedMasterState: doc, newDocumentState: failed },
        ])
      ).rejected,
    ).toEqual([]);
    const retry = { ...failed, status: 'out_for_delivery' };
    expect(
      (
        await pushDocs(server, a, 'applications', [
          { assumedMasterState: failed, newDocumentState: retry },
        ])
      ).rejected,
    ).toEqual([]);
  });

  it('accepts an append-only document once; an identical replay is a no-op, a change is refused', async () => {
    const event = eventDoc('S1', ulid());
    expect((await pushDocs(server, a, 'events', inserts([event]))).rejected).toEqual([]);
    const auditBefore = await count('audit');
    expect(await pushDocs(server, a, 'events', inserts([event]))).toEqual({
      status: 200,
      conflicts: [],
      rejected: [],
    });
    expect(await count('audit')).toBe(auditBefore);
    const changed = await pushDocs(server, a, 'events', [
      { assumedMasterState: event, newDocumentState: { ...event, note: '改' } },
    ]);
    expect(changed.rejected[0]?.code).toBe('APPEND_ONLY');
    const deleted = await pushDocs(server, a, 'events', [
      { assumedMasterState: event, newDocumentState: { ...event, _deleted: true } },
    ]);
    expect(deleted.rejected[0]?.code).toBe('APPEND_ONLY');
  });

  it('replicates deletions as tombstones', async () => {
    const doc = applicationDoc('S1');
    await pushDocs(server, a, 'applications', inserts([doc]));
    const { checkpoint } = await pullUntil(server, b, 'applications', (docs) =>
      docs.some((d) => d.id === doc.id),
    );
    await pushDocs(server, a, 'applications', [
      { assumedMasterState: doc, newDocumentState: { ...doc, _deleted: true } },
    ]);
    const after = await pullUntil(server, b, 'applications', (docs) => docs.length > 0, checkpoint);
    expect(after.documents).toEqual([{ ...doc, _deleted: true }]);
  });

  it('a captured push log replayed three times, shuffled, changes neither data nor audit', async () => {
    const session = await loginAs(server, { stationId: 'S1' });
    const log: { collection: string; rows: Parameters<typeof pushDocs>[3] }[] = [];
    const record = async (collection: string, rows: Parameters<typeof pushDocs>[3]) => {
      log.push({ collection, rows });
      const result = await pushDocs(server, session, collection, rows);
      expect(result.conflicts).toEqual([]);
      expect(result.rejected).toEqual([]);
    };
    for (let i = 0; i < 5; i++) {
      const app = applicationDoc('S1');
      await record('applications', inserts([app]));
      const v2 = { ...app, status: 'materials_handed_over', updatedAt: app.updatedAt + 1 };
      await record('applications', [{ assumedMasterState: app, newDocumentState: v2 }]);
      const v3 = { ...v2, status: 'in_production', updatedAt: app.updatedAt + 2 };
      await record('applications', [{ assumedMasterState: v2, newDocumentState: v3 }]);
      await record(
        'events',
        inserts([
          eventDoc('S1', app.id),
          eventDoc('S1', app.id, { type: 'materials_handed_over' }),
        ]),
      );
    }
    const snapshot = async () => ({
      documents: (
        await server.db.query(
          `SELECT collection, id, doc_hash, deleted, txid::text AS txid, seq::text AS seq FROM documents ORDER BY collection, id`,
        )
      ).rows,
      audit: await count('audit'),
      quarantine: await count('quarantine'),
      trackIndex: await count('track_index'),
    });
    const before = await snapshot();
    for (let round = 0; round < 3; round++) {
      const shuffled = [...log].sort(() => Math.random() - 0.5);
      for (const entry of shuffled) {
        const result = await pushDocs(server, session, entry.collection, entry.rows);
        expect(result.status).toBe(200);
        expect(result.rejected).toEqual([]);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('keeps ID numbers, phones and names encrypted at rest and decrypts them on pull', async () => {
    const doc = applicationDoc('S1', {
      applicant: {
        name: '王小明',
        idNumber: '32010619990101002X',
        mobile: '13912345678',
        birthDate: '19990101',
      },
    });
    await pushDocs(server, a, 'applications', inserts([doc]));
    const { rows } = await server.db.query<{ raw: string }>(
      'SELECT doc::text AS raw FROM documents WHERE id = $1',
      [doc.id],
    );
    const raw = rows[0]?.raw ?? '';
    expect(raw).toContain('enc:v1:');
    for (const secret of ['32010619990101002X', '13912345678', '王小明', '迎泽大街1号'])
      expect(raw).not.toContain(secret);
    const pulled = await pullUntil(server, b, 'applications', (docs) =>
      docs.some((d) => d.id === doc.id),
    );
    expect(pulled.documents.find((d) => d.id === doc.id)).toEqual(doc);
  });

  it('writes an audit row per stored document, naming who and which device, no personal data', async () => {
    const doc = applicationDoc('S1');
    await pushDocs(server, a, 'applications', inserts([doc]));
    const { rows } = await server.db.query(
      'SELECT staff_id, device_id, station_id, action, collection, doc_id, detail FROM audit WHERE doc_id = $1',
      [doc.id],
    );
    expect(rows).toEqual([
      {
        staff_id: a.staffId,
        device_id: a.deviceId,
        station_id: 'S1',
        action: 'insert',
        collection: 'applications',
        doc_id: doc.id,
        detail: null,
      },
    ]);
  });

  it('recovers from a restore whose transaction ids run ahead of the database', async () => {
    const session = await loginAs(server, { stationId: 'S1' });
    const doc = applicationDoc('S1');
    await pushDocs(server, session, 'applications', inserts([doc]));
    const { checkpoint } = await pullUntil(server, session, 'applications', (docs) =>
      docs.some((d) => d.id === doc.id),
    );
    // As after pg_dump/restore into a fresh cluster: stored ids from the old, further counter.
    await server.db.query(`UPDATE documents SET txid = '900000000000'::xid8 WHERE id = $1`, [
      doc.id,
    ]);
    expect(
      (await pullAll(server, session, 'applications')).documents.map((d) => d.id),
    ).not.toContain(doc.id);
    expect(await repairFutureTxids(server.db)).toBe(1);
    expect((await pullAll(server, session, 'applications')).documents.map((d) => d.id)).toContain(
      doc.id,
    );
    // A client's checkpoint from the old cluster is "in the future": it gets everything again.
    const future = encodeCheckpoint({ txid: '900000000001', seq: '1' });
    const resync = await pullAll(server, session, 'applications', future);
    expect(resync.documents.map((d) => d.id)).toContain(doc.id);
    expect(resync.checkpoint).not.toBe(checkpoint);
  });

  it('counts pushed, pulled, conflicting and rejected documents in /metrics', async () => {
    const text = (await server.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toMatch(/waypost_documents_pushed_total\{collection="applications"\} [1-9]/);
    expect(text).toMatch(/waypost_documents_pulled_total\{collection="applications"\} [1-9]/);
    expect(text).toMatch(/waypost_push_conflicts_total\{collection="applications"\} [1-9]/);
    expect(text).toMatch(/waypost_push_rejections_total\{collection="applications"\} [1-9]/);
  });
});
