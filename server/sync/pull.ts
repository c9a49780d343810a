// Pull: documents after a checkpoint, in (txid, seq) order, within the caller's scope.
// Only rows of transactions below the snapshot's xmin are returned: every transaction with a
// smaller id has finished, so no later pull can discover a row that sorts before this one.
import type { Queryable } from '../db/types.ts';
import type { Scope } from '../auth/scope.ts';
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import type { PullResponse, WireDocument } from '../../shared/sync/protocol.ts';
import { encodeCheckpoint, START, type Position } from './checkpoint.ts';
import { openFields } from './pii.ts';

interface Row {
  doc: Record<string, unknown>;
  deleted: boolean;
  txid: string;
  seq: string;
}

export async function pullDocuments(
  db: Queryable,
  piiKey: Buffer,
  input: { collection: SyncedCollection; scope: Scope; after: Position | null; limit: number },
): Promise<PullResponse> {
  const from = input.after ?? START;
  const params: (string | number | readonly string[])[] = [
    input.collection,
    from.txid,
    from.seq,
    input.limit,
  ];
  let scopeSql = '';
  if (input.scope.kind === 'stations') {
    params.push(input.scope.stations);
    scopeSql = 'AND (station_id = ANY($5::text[]) OR to_station_id = ANY($5::text[]))';
  }
  const { rows } = await db.query<Row>(
    `SELECT doc, deleted, txid::text AS txid, seq::text AS seq
       FROM documents
      WHERE collection = $1
        AND ((txid, seq) > ($2::xid8, $3::bigint)
             -- A checkpoint from the future (the database was restored from a dump and its
             -- transaction ids started again): send everything; clients dedupe by id.
             OR $2::xid8 >= (SELECT pg_snapshot_xmax(pg_current_snapshot())))
        AND txid < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
        ${scopeSql}
      ORDER BY documents.txid, documents.seq -- the columns, not the text aliases above
      LIMIT $4`,
    params,
  );
  const last = rows.at(-1);
  return {
    documents: rows.map((row) => toWire(piiKey, input.collection, row.doc, row.deleted)),
    checkpoint: last
      ? encodeCheckpoint({ txid: last.txid, seq: last.seq })
      : input.after
        ? encodeCheckpoint(input.after)
        : null,
  };
}

/** The newest position every reader can already see: where a fresh stream starts. */
export async function headPosition(db: Queryable, collection: SyncedCollection): Promise<Position> {
  const { rows } = await db.query<{ txid: string; seq: string }>(
    `SELECT txid::text AS txid, seq::text AS seq
       FROM documents
      WHERE collection = $1 AND txid < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
      ORDER BY documents.txid DESC, documents.seq DESC
      LIMIT 1`,
    [collection],
  );
  return rows[0] ?? START;
}

export function toWire(
  piiKey: Buffer,
  collection: SyncedCollection,
  stored: Record<string, unknown>,
  deleted: boolean,
): WireDocument {
  return { ...openFields(piiKey, collection, stored), _deleted: deleted };
}

/**
 * After a dump/restore into a new cluster, stored transaction ids can be ahead of the new
 * cluster's counter: those rows would be held back until it caught up. Moving them to
 * txid 0 keeps their relative order (by seq) and makes them visible at once; run on start.
 */
export async function repairFutureTxids(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE documents SET txid = '0'::xid8
      WHERE txid >= (SELECT pg_snapshot_xmax(pg_current_snapshot()))
      RETURNING id`,
  );
  return rows.length;
}
