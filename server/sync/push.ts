// Push: each row is judged on its own (schema, domain rules, scope, number blocks); valid rows
// are written with their audit rows in one transaction; conflicts return the master state;
// a replay of what is already stored changes nothing (idempotent). Writes are flushed as a
// few set-based statements, so a batch costs about the same number of round trips whatever
// its size.
import type { AuthContext } from '../context.ts';
import type { Db, Queryable } from '../db/types.ts';
import { inScope } from '../auth/scope.ts';
import {
  collectionMode,
  documentStations,
  type SyncedCollection,
} from '../../shared/sync/collections.ts';
import type { PushResponse, PushRow, Rejection, WireDocument } from '../../shared/sync/protocol.ts';
import { fail, type Err } from '../../shared/result.ts';
import { hmac } from '../security/crypto.ts';
import type { ServerKeys } from '../security/keys.ts';
import { canonicalJson, documentBody } from './canonical.ts';
import { checkDocument, checkStatusChange } from './domain.ts';
import { sealFields } from './pii.ts';
import { toWire } from './pull.ts';
import { quarantine, rejection } from './rejections.ts';
import { birthDateOf, trackLookup } from './track-index.ts';
import {
  checkWaybillNumber,
  claimWaybillNumber,
  loadNumberBlocks,
  needsBlock,
  type NumberBlock,
} from './waybill-numbers.ts';
import { validateDocument } from './validate.ts';

type Body = Record<string, unknown>;

export interface PushInput {
  collection: SyncedCollection;
  caller: AuthContext;
  rows: readonly PushRow[];
  /** pg_notify channel that wakes the streams of every server process. */
  channel: string;
}

export interface PushOutcome extends PushResponse {
  written: number;
  unchanged: number;
}

interface Candidate {
  id: string;
  body: Body;
  deleted: boolean;
  hash: Buffer;
  assumedHash: Buffer | null;
  raw: WireDocument;
}

interface Stored {
  body: Body;
  hash: Buffer;
  deleted: boolean;
  stations: string[];
  stationId: string;
}

interface Write {
  candidate: Candidate;
  action: 'insert' | 'update' | 'delete';
}

const scopeError = (): Err =>
  fail(
    'OUT_OF_SCOPE',
    '无权提交其他网点的记录',
    "This record belongs to a station outside this device's scope",
    'stationId',
  );

const appendOnlyError = (): Err =>
  fail(
    'APPEND_ONLY',
    '此类记录保存后不能修改或删除',
    'Records of this kind cannot be changed or deleted once saved',
  );

export async function pushDocuments(
  db: Db,
  keys: ServerKeys,
  input: PushInput,
): Promise<PushOutcome> {
  const { collection, caller } = input;
  const claims = caller.claims;
  const rejected: Rejection[] = [];
  const quarantined: { rejection: Rejection; payload: unknown }[] = [];
  const refuse = (id: string, payload: unknown, error: Err['error']): void => {
    const r = rejection(id, error);
    rejected.push(r);
    quarantined.push({ rejection: r, payload });
  };
  const fingerprint = (body: Body, deleted: boolean): Buffer =>
    hmac(keys.docHash, `${collection}\n${canonicalJson({ ...body, _deleted: deleted })}`);

  // 1. Everything that needs no database.
  const candidates: Candidate[] = [];
  for (const row of input.rows) {
    const state = row.newDocumentState;
    const id = typeof state.id === 'string' ? state.id.slice(0, 40) : '';
    if (state._deleted !== undefined && typeof state._deleted !== 'boolean') {
      refuse(
        id,
        state,
        fail('SCHEMA_INVALID', '删除标记格式不正确', '_deleted must be a boolean', '_deleted')
          .error,
      );
      continue;
    }
    const body = documentBody(state);
    const valid = validateDocument(collection, body);
    if (!valid.ok) {
      refuse(id, state, valid.error);
      continue;
    }
    const domain = checkDocument(collection, body);
    if (!domain.ok) {
      refuse(id, state, domain.error);
      continue;
    }
    const deleted = state._deleted === true;
    const assumed = row.assumedMasterState;
    candidates.push({
      id,
      body,
      deleted,
      hash: fingerprint(body, deleted),
      assumedHash: assumed ? fingerprint(documentBody(assumed), assumed._deleted === true) : null,
      raw: state,
    });
  }

  const conflicts: WireDocument[] = [];
  let written = 0;
  let unchanged = 0;

  await db.transaction(async (tx) => {
    // 2. Judge each row against the stored state (updated in memory as the batch goes).
    const stored = await lockExisting(
      tx,
      collection,
      candidates.map((c) => c.id),
    );
    const inDatabase = new Set(stored.keys());
    const writes: Write[] = [];
    let blocks: NumberBlock[] | null = null;
    for (const candidate of candidates) {
      const existing = stored.get(candidate.id);
      const stationId = String(candidate.body.stationId);
      // Inserts must be the caller's own station's; edits must touch a record the caller
      // already shares and may not move it to a station outside the scope.
      if (existing && !inScope(caller.scope, existing.stations)) {
        refuse(candidate.id, candidate.raw, scopeError().error);
        continue;
      }
      if ((!existing || existing.stationId !== stationId) && !inScope(caller.scope, [stationId])) {
        refuse(candidate.id, candidate.raw, scopeError().error);
        continue;
      }
      if (existing?.hash.equals(candidate.hash)) {
        unchanged += 1;
        continue;
      }
      if (collectionMode[collection] === 'append' && (existing || candidate.deleted)) {
        refuse(candidate.id, candidate.raw, appendOnlyError().error);
        continue;
      }
      if (existing && !(candidate.assumedHash && existing.hash.equals(candidate.assumedHash))) {
        conflicts.push(toWire(keys.pii, collection, existing.body, existing.deleted));
        continue;
      }
      if (collection === 'applications' && existing) {
        const status = checkStatusChange(existing.body, candidate.body);
        if (!status.ok) {
          refuse(candidate.id, candidate.raw, status.error);
          continue;
        }
      }
      if (collection === 'waybills') {
        const number = String(candidate.body.waybillNo);
        const isNew = !existing || String(existing.body.waybillNo) !== number;
        if (needsBlock(candidate.body, isNew))
          blocks ??= await loadNumberBlocks(tx, claims.deviceId);
        const check = checkWaybillNumber(blocks ?? [], { body: candidate.body, isNew });
        const claim = check.ok ? await claimWaybillNumber(tx, candidate.id, number) : check;
        if (!claim.ok) {
          refuse(candidate.id, candidate.raw, claim.error);
          continue;
        }
      }
      writes.push({
        candidate,
        action: candidate.deleted ? 'delete' : existing ? 'update' : 'insert',
      });
      stored.set(candidate.id, {
        body: candidate.body,
        hash: candidate.hash,
        deleted: candidate.deleted,
        stations: documentStations(stationsOf(candidate.body)),
        stationId,
      });
    }

    // 3. Flush: new rows, then edits; a new id another push inserted meanwhile is judged again.
    const raced = await insertNew(
      tx,
      keys,
      collection,
      claims.deviceId,
      lastPerId(writes.filter((w) => !inDatabase.has(w.candidate.id))),
    );
    const accepted = writes.filter((w) => !raced.has(w.candidate.id));
    for (const id of raced) {
      const now = (await lockExisting(tx, collection, [id])).get(id);
      const mine = lastPerId(writes.filter((w) => w.candidate.id === id))[0]?.candidate;
      if (now && mine && now.hash.equals(mine.hash)) unchanged += 1;
      else if (now) conflicts.push(toWire(keys.pii, collection, now.body, now.deleted));
    }
    await updateExisting(
      tx,
      keys,
      collection,
      claims.deviceId,
      lastPerId(accepted.filter((w) => inDatabase.has(w.candidate.id))),
    );
    await insertAudit(tx, claims, collection, accepted);
    if (collection === 'applications')
      await updateTrackIndex(tx, keys.trackIndex, lastPerId(accepted));
    for (const item of quarantined) {
      await quarantine(tx, keys, {
        collection,
        rejection: item.rejection,
        payload: item.payload,
        staffId: claims.staffId,
        deviceId: claims.deviceId,
        stationId: claims.stationId,
      });
    }
    written = accepted.length;
    // Delivered at commit, to every server process listening (LISTEN/NOTIFY).
    if (written > 0) await tx.query('SELECT pg_notify($1, $2)', [input.channel, collection]);
  });

  return { conflicts, rejected, written, unchanged };
}

const stationsOf = (body: Body): { stationId: string; toStationId?: string } =>
  typeof body.toStationId === 'string'
    ? { stationId: String(body.stationId), toStationId: body.toStationId }
    : { stationId: String(body.stationId) };

/** The last write of each id (a batch may carry one id twice), in first-seen order. */
function lastPerId(writes: readonly Write[]): Write[] {
  const byId = new Map<string, Write>();
  for (const write of writes) byId.set(write.candidate.id, write);
  return [...byId.values()];
}

interface LockedRow {
  id: string;
  doc: Body;
  doc_hash: Uint8Array;
  deleted: boolean;
  station_id: string;
  to_station_id: string | null;
}

/** Locks the batch's existing rows in id order (a fixed order: no deadlock between batches). */
async function lockExisting(
  tx: Queryable,
  collection: SyncedCollection,
  ids: string[],
): Promise<Map<string, Stored>> {
  const map = new Map<string, Stored>();
  if (ids.length === 0) return map;
  const { rows } = await tx.query<LockedRow>(
    `SELECT id, doc, doc_hash, deleted, station_id, to_station_id
       FROM documents WHERE collection = $1 AND id = ANY($2::text[])
      ORDER BY id FOR UPDATE`,
    [collection, ids],
  );
  for (const row of rows) {
    map.set(row.id, {
      body: row.doc,
      hash: Buffer.from(row.doc_hash),
      deleted: row.deleted,
      stations: row.to_station_id ? [row.station_id, row.to_station_id] : [row.station_id],
      stationId: row.station_id,
    });
  }
  return map;
}

/** Column arrays for unnest(): one text[] per column keeps both drivers' encoding simple. */
function columns(keys: ServerKeys, collection: SyncedCollection, writes: readonly Write[]) {
  return {
    ids: writes.map((w) => w.candidate.id),
    stations: writes.map((w) => String(w.candidate.body.stationId)),
    toStations: writes.map((w) =>
      typeof w.candidate.body.toStationId === 'string' ? w.candidate.body.toStationId : null,
    ),
    docs: writes.map((w) => JSON.stringify(sealFields(keys.pii, collection, w.candidate.body))),
    hashes: writes.map((w) => w.candidate.hash.toString('hex')),
    deleted: writes.map((w) => String(w.candidate.deleted)),
  };
}

/** Inserts new documents; returns the ids another transaction inserted first. */
async function insertNew(
  tx: Queryable,
  keys: ServerKeys,
  collection: SyncedCollection,
  deviceId: string,
  writes: readonly Write[],
): Promise<Set<string>> {
  if (writes.length === 0) return new Set();
  const c = columns(keys, collection, writes);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO documents (collection, id, station_id, to_station_id, doc, doc_hash, deleted, device_id)
     SELECT $1, u.id, u.station_id, u.to_station_id, u.doc::jsonb, decode(u.hash, 'hex'), u.deleted::boolean, $8
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
            WITH ORDINALITY AS u(id, station_id, to_station_id, doc, hash, deleted, n)
      ORDER BY u.n
     ON CONFLICT (collection, id) DO NOTHING
     RETURNING id`,
    [collection, c.ids, c.stations, c.toStations, c.docs, c.hashes, c.deleted, deviceId],
  );
  const inserted = new Set(rows.map((r) => r.id));
  return new Set(c.ids.filter((id) => !inserted.has(id)));
}

async function updateExisting(
  tx: Queryable,
  keys: ServerKeys,
  collection: SyncedCollection,
  deviceId: string,
  writes: readonly Write[],
): Promise<void> {
  if (writes.length === 0) return;
  const c = columns(keys, collection, writes);
  await tx.query(
    `UPDATE documents d
        SET station_id = u.station_id, to_station_id = u.to_station_id, doc = u.doc::jsonb,
            doc_hash = decode(u.hash, 'hex'), deleted = u.deleted::boolean, device_id = $8,
            txid = pg_current_xact_id(), seq = nextval('document_seq'), written_at = now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
            AS u(id, station_id, to_station_id, doc, hash, deleted)
      WHERE d.collection = $1 AND d.id = u.id`,
    [collection, c.ids, c.stations, c.toStations, c.docs, c.hashes, c.deleted, deviceId],
  );
}

/** One audit row per stored row: who, which device, what — never personal data. */
async function insertAudit(
  tx: Queryable,
  claims: AuthContext['claims'],
  collection: SyncedCollection,
  writes: readonly Write[],
): Promise<void> {
  if (writes.length === 0) return;
  await tx.query(
    `INSERT INTO audit (staff_id, device_id, station_id, action, collection, doc_id)
     SELECT $1, $2, $3, u.action, $4, u.doc_id
       FROM unnest($5::text[], $6::text[]) WITH ORDINALITY AS u(action, doc_id, n)
      ORDER BY u.n`,
    [
      claims.staffId,
      claims.deviceId,
      claims.stationId,
      collection,
      writes.map((w) => w.action),
      writes.map((w) => w.candidate.id),
    ],
  );
}

/** Replaces the status-query keys of the written applications (none for deleted ones). */
async function updateTrackIndex(
  tx: Queryable,
  key: Buffer,
  writes: readonly Write[],
): Promise<void> {
  if (writes.length === 0) return;
  await tx.query('DELETE FROM track_index WHERE application_id = ANY($1::text[])', [
    writes.map((w) => w.candidate.id),
  ]);
  const lookups: string[] = [];
  const ids: string[] = [];
  for (const { candidate } of writes) {
    const birthDate = birthDateOf(candidate.body.applicant);
    if (candidate.deleted || !birthDate || typeof candidate.body.acceptanceNo !== 'string')
      continue;
    lookups.push(trackLookup(key, candidate.body.acceptanceNo, birthDate).toString('hex'));
    ids.push(candidate.id);
  }
  if (ids.length === 0) return;
  await tx.query(
    `INSERT INTO track_index (lookup, application_id)
     SELECT decode(u.lookup, 'hex'), u.id FROM unnest($1::text[], $2::text[]) AS u(lookup, id)
     ON CONFLICT DO NOTHING`,
    [lookups, ids],
  );
}
