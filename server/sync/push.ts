// Push: each row is judged on its own (schema, domain rules, scope, number blocks); valid rows
// are written with their audit rows in one transaction; conflicts return the master state;
// a replay of what is already stored changes nothing (idempotent).
import type { AuthContext } from '../context.ts';
import type { Queryable, Db } from '../db/types.ts';
import { writeAudit } from '../auth/repository.ts';
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
import { updateTrackIndex } from './track-index.ts';
import { checkWaybillNumber, claimWaybillNumber } from './waybill-numbers.ts';
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

const scopeError = (): Err =>
  fail(
    'OUT_OF_SCOPE',
    '无权提交其他网点的记录',
    "This record belongs to a station outside this device's scope",
    'stationId',
  );

export async function pushDocuments(
  db: Db,
  keys: ServerKeys,
  input: PushInput,
): Promise<PushOutcome> {
  const { collection, caller } = input;
  const rejected: Rejection[] = [];
  const quarantined: { rejection: Rejection; payload: unknown }[] = [];
  const candidates: Candidate[] = [];
  const fingerprint = (body: Body, deleted: boolean): Buffer =>
    hmac(keys.docHash, `${collection}\n${canonicalJson({ ...body, _deleted: deleted })}`);

  for (const row of input.rows) {
    const state = row.newDocumentState;
    const id = typeof state.id === 'string' ? state.id.slice(0, 40) : '';
    const refuse = (error: Err['error']) => {
      const r = rejection(id, error);
      rejected.push(r);
      quarantined.push({ rejection: r, payload: state });
    };
    if (state._deleted !== undefined && typeof state._deleted !== 'boolean') {
      refuse(
        fail('SCHEMA_INVALID', '删除标记格式不正确', '_deleted must be a boolean', '_deleted')
          .error,
      );
      continue;
    }
    const body = documentBody(state);
    const valid = validateDocument(collection, body);
    if (!valid.ok) {
      refuse(valid.error);
      continue;
    }
    const domain = checkDocument(collection, body);
    if (!domain.ok) {
      refuse(domain.error);
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
  const claims = caller.claims;

  await db.transaction(async (tx) => {
    const current = await lockExisting(
      tx,
      collection,
      candidates.map((c) => c.id),
    );
    for (const candidate of candidates) {
      const refuse = (error: Err['error']) => {
        const r = rejection(candidate.id, error);
        rejected.push(r);
        quarantined.push({ rejection: r, payload: candidate.raw });
      };
      const existing = current.get(candidate.id);
      const stationId = String(candidate.body.stationId);
      // Inserts must be the caller's own station's; edits must touch a record the caller
      // already shares and may not move it to a station outside the scope.
      if (existing && !inScope(caller.scope, existing.stations)) {
        refuse(scopeError().error);
        continue;
      }
      if ((!existing || existing.stationId !== stationId) && !inScope(caller.scope, [stationId])) {
        refuse(scopeError().error);
        continue;
      }
      if (existing && existing.hash.equals(candidate.hash)) {
        unchanged += 1;
        continue;
      }
      if (collectionMode[collection] === 'append' && (existing || candidate.deleted)) {
        refuse(
          fail(
            'APPEND_ONLY',
            '此类记录保存后不能修改或删除',
            'Records of this kind cannot be changed or deleted once saved',
          ).error,
        );
        continue;
      }
      if (existing && !(candidate.assumedHash && existing.hash.equals(candidate.assumedHash))) {
        conflicts.push(toWire(keys.pii, collection, existing.body, existing.deleted));
        continue;
      }
      if (collection === 'applications' && existing) {
        const status = checkStatusChange(existing.body, candidate.body);
        if (!status.ok) {
          refuse(status.error);
          continue;
        }
      }
      if (collection === 'waybills') {
        const previousNo = existing ? String(existing.body.waybillNo) : null;
        const check = await checkWaybillNumber(tx, {
          body: candidate.body,
          deviceId: claims.deviceId,
          isNew: previousNo !== String(candidate.body.waybillNo),
        });
        if (!check.ok) {
          refuse(check.error);
          continue;
        }
        const claim = await claimWaybillNumber(tx, candidate.id, String(candidate.body.waybillNo));
        if (!claim.ok) {
          refuse(claim.error);
          continue;
        }
      }
      if (!(await writeDocument(tx, keys, collection, candidate, claims.deviceId, existing))) {
        // Another push inserted this id after our lock query: judge against its state.
        const raced = (await lockExisting(tx, collection, [candidate.id])).get(candidate.id);
        if (raced?.hash.equals(candidate.hash)) unchanged += 1;
        else if (raced) conflicts.push(toWire(keys.pii, collection, raced.body, raced.deleted));
        continue;
      }
      if (collection === 'applications') {
        await updateTrackIndex(
          tx,
          keys.trackIndex,
          candidate.id,
          candidate.deleted ? null : candidate.body,
        );
      }
      await writeAudit(tx, {
        staffId: claims.staffId,
        deviceId: claims.deviceId,
        stationId: claims.stationId,
        action: candidate.deleted ? 'delete' : existing ? 'update' : 'insert',
        collection,
        docId: candidate.id,
      });
      current.set(candidate.id, {
        body: sealFields(keys.pii, collection, candidate.body),
        hash: candidate.hash,
        deleted: candidate.deleted,
        stations: documentStations(stationsOf(candidate.body)),
        stationId,
      });
      written += 1;
    }
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
    // Delivered at commit, to every server process listening (LISTEN/NOTIFY).
    if (written > 0) await tx.query('SELECT pg_notify($1, $2)', [input.channel, collection]);
  });

  return { conflicts, rejected, written, unchanged };
}

const stationsOf = (body: Body): { stationId: string; toStationId?: string } =>
  typeof body.toStationId === 'string'
    ? { stationId: String(body.stationId), toStationId: body.toStationId }
    : { stationId: String(body.stationId) };

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

async function writeDocument(
  tx: Queryable,
  keys: ServerKeys,
  collection: SyncedCollection,
  candidate: Candidate,
  deviceId: string,
  existing: Stored | undefined,
): Promise<boolean> {
  const sealed = JSON.stringify(sealFields(keys.pii, collection, candidate.body));
  const stations = stationsOf(candidate.body);
  const params = [
    collection,
    candidate.id,
    stations.stationId,
    stations.toStationId ?? null,
    sealed,
    candidate.hash,
    candidate.deleted,
    deviceId,
  ];
  if (existing) {
    await tx.query(
      `UPDATE documents
          SET station_id = $3, to_station_id = $4, doc = $5::jsonb, doc_hash = $6, deleted = $7,
              device_id = $8, txid = pg_current_xact_id(), seq = nextval('document_seq'),
              written_at = now()
        WHERE collection = $1 AND id = $2`,
      params,
    );
    return true;
  }
  const inserted = await tx.query(
    `INSERT INTO documents (collection, id, station_id, to_station_id, doc, doc_hash, deleted, device_id)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
     ON CONFLICT (collection, id) DO NOTHING
     RETURNING id`,
    params,
  );
  return inserted.rows.length > 0;
}
