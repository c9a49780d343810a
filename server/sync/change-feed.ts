// "Collection X changed" signals, fanned out to the streams whose scope they concern.
// Pushes pg_notify the channel in their transaction (delivered at commit to every server
// process). Each process LISTENs once; per notification burst it runs ONE scan that reads the
// newly visible rows of that collection (all stations, decrypted once) and hands them to the
// streams whose scope holds one of their stations; a stream that is up to date sends them
// without a query of its own. Before this, every push woke every open stream of the
// collection and each ran its own pull: at 500 devices, 500 queries per push.
//
// Rows of a transaction that committed while an older one is still open are "held back"
// (pull only returns rows below the snapshot's xmin, see pull.ts). The scan notices them and
// looks again after `recheckMs` until they are visible, so no stream needs its own timer.
import type { Scope } from '../auth/scope.ts';
import type { Db } from '../db/types.ts';
import {
  isSyncedCollection,
  SYNCED_COLLECTIONS,
  type SyncedCollection,
} from '../../shared/sync/collections.ts';
import type { WireDocument } from '../../shared/sync/protocol.ts';
import type { Position } from './checkpoint.ts';
import { headPosition, toWire } from './pull.ts';

export interface FeedRow {
  position: Position;
  /** station_id and, when set, to_station_id: who may see the row (as in pull's scope). */
  stations: readonly string[];
  /** The wire form (PII opened), computed once however many streams send it. */
  document(): WireDocument;
}

/** Every row that became visible in (from, head], all stations, in pull order. */
export interface ChangeBatch {
  from: Position;
  head: Position;
  rows: readonly FeedRow[];
  /** false: the documents were not read (nobody listened when the scan began): pull. */
  complete: boolean;
}

export interface ChangeSubscription {
  collection: SyncedCollection;
  scope: Scope;
  /** Rows of this scope became visible. Called at most once per scan. */
  onChange: (batch: ChangeBatch) => void;
}

export interface ChangeFeed {
  readonly channel: string;
  subscribe(subscription: ChangeSubscription): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Scans run so far (tests and metrics: one per notification burst, not one per stream). */
  readonly scans: number;
}

export interface ChangeFeedOptions {
  piiKey: Buffer;
  /** How soon to look again for rows held back behind a still-open transaction. */
  recheckMs: number;
  /** Safety net (a lost notification, a dropped LISTEN connection): scan this often anyway. */
  sweepMs: number;
}

/** Rows per scan; a larger burst is read in several scans, one after the other. */
const SCAN_LIMIT = 500;

interface Scan {
  rows: FeedRow[];
  head: Position | null;
  /** Committed rows not yet visible to readers (an older transaction is still open). */
  pending: boolean;
  /** The limit was reached: scan again at once. */
  more: boolean;
}

type Subscriber = ChangeSubscription;

interface CollectionState {
  position: Position | null;
  /** Streams scoped to everything (admins). */
  everything: Set<Subscriber>;
  byStation: Map<string, Set<Subscriber>>;
  scanning: boolean;
  dirty: boolean;
  recheck: NodeJS.Timeout | undefined;
}

/** Orders two positions as pull does: (txid, seq), both unsigned decimal text. */
export function comparePositions(a: Position, b: Position): number {
  const byTxid = compareDecimal(a.txid, b.txid);
  return byTxid !== 0 ? byTxid : compareDecimal(a.seq, b.seq);
}

function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function createChangeFeed(db: Db, options: ChangeFeedOptions): ChangeFeed {
  const channel = `waypost_sync_${db.namespace}`;
  const states = new Map<SyncedCollection, CollectionState>(
    SYNCED_COLLECTIONS.map((c) => [
      c,
      {
        position: null,
        everything: new Set(),
        byStation: new Map(),
        scanning: false,
        dirty: false,
        recheck: undefined,
      },
    ]),
  );
  let unlisten: (() => Promise<void>) | null = null;
  let sweep: NodeJS.Timeout | undefined;
  let running = false;
  let scans = 0;

  const wake = (state: CollectionState, batch: ChangeBatch, everyone: boolean): void => {
    const woken = new Set<Subscriber>(state.everything);
    if (everyone) {
      for (const set of state.byStation.values()) for (const s of set) woken.add(s);
    } else {
      for (const row of batch.rows) {
        for (const station of row.stations)
          for (const s of state.byStation.get(station) ?? []) woken.add(s);
      }
    }
    for (const subscriber of woken) {
      try {
        subscriber.onChange(batch);
      } catch {
        // One broken stream must not keep the others from their rows.
      }
    }
  };
  const listening = (state: CollectionState): boolean =>
    state.everything.size > 0 || state.byStation.size > 0;

  const scanOnce = async (collection: SyncedCollection, state: CollectionState): Promise<void> => {
    if (!state.position) {
      // First look: only learn the head. Streams that subscribed meanwhile pull once, so
      // nothing that became visible before the head was read slips between the two.
      const head = await headPosition(db, collection);
      state.position = head;
      wake(state, { from: head, head, rows: [], complete: false }, true);
      return;
    }
    scans += 1;
    const from = state.position;
    const withDocuments = listening(state);
    const found = await scanAfter(db, options.piiKey, collection, from, withDocuments);
    if (found.head) {
      state.position = found.head;
      wake(state, { from, head: found.head, rows: found.rows, complete: withDocuments }, false);
    }
    if (found.more) state.dirty = true;
    clearTimeout(state.recheck);
    state.recheck = found.pending
      ? setTimeout(() => request(collection), options.recheckMs)
      : undefined;
  };

  // Coalesced: while a scan of this collection runs, more signals ask for one more pass.
  const request = (collection: SyncedCollection): void => {
    const state = states.get(collection);
    if (!state || !running) return;
    if (state.scanning) {
      state.dirty = true;
      return;
    }
    state.scanning = true;
    void (async () => {
      do {
        state.dirty = false;
        await scanOnce(collection, state).catch(() => {
          // The database hiccupped: try again with the next signal or sweep.
          state.dirty = false;
        });
      } while (state.dirty && running);
      state.scanning = false;
    })();
  };

  return {
    channel,
    get scans() {
      return scans;
    },
    subscribe(subscription) {
      const state = states.get(subscription.collection);
      if (!state) return () => undefined;
      const subscriber: Subscriber = { ...subscription };
      const { scope } = subscription;
      if (scope.kind === 'all') state.everything.add(subscriber);
      else {
        for (const station of scope.stations) {
          let set = state.byStation.get(station);
          if (!set) {
            set = new Set();
            state.byStation.set(station, set);
          }
          set.add(subscriber);
        }
      }
      return () => {
        if (scope.kind === 'all') {
          state.everything.delete(subscriber);
          return;
        }
        for (const station of scope.stations) {
          const set = state.byStation.get(station);
          set?.delete(subscriber);
          if (set?.size === 0) state.byStation.delete(station);
        }
      };
    },
    async start() {
      if (running) return;
      running = true;
      unlisten ??= await db.listen(channel, (payload) => {
        const collection = collectionOf(payload);
        if (collection) request(collection);
      });
      for (const collection of SYNCED_COLLECTIONS) request(collection);
      sweep = setInterval(() => {
        for (const [collection, state] of states) {
          if (listening(state)) request(collection);
        }
      }, options.sweepMs);
      sweep.unref();
    },
    async stop() {
      running = false;
      clearInterval(sweep);
      for (const state of states.values()) clearTimeout(state.recheck);
      const stop = unlisten;
      unlisten = null;
      if (stop) await stop().catch(() => undefined);
    },
  };
}

/** The payload is the collection name; anything after a space or colon is ignored (room to add). */
function collectionOf(payload: string): SyncedCollection | null {
  const name = payload.split(/[ :]/, 1)[0] ?? '';
  return isSyncedCollection(name) ? name : null;
}

interface ScanRow {
  station_id: string;
  to_station_id: string | null;
  doc: Record<string, unknown> | null;
  deleted: boolean;
  txid: string;
  seq: string;
  visible: boolean;
}

async function scanAfter(
  db: Db,
  piiKey: Buffer,
  collection: SyncedCollection,
  after: Position,
  withDocuments: boolean,
): Promise<Scan> {
  // One statement, one snapshot, in pull order: visible rows (txid below the snapshot's xmin)
  // come first; a row after them is committed but still held back.
  const { rows } = await db.query<ScanRow>(
    `WITH snap AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
     SELECT d.station_id, d.to_station_id, CASE WHEN $5 THEN d.doc END AS doc, d.deleted,
            d.txid::text AS txid, d.seq::text AS seq, d.txid < snap.xmin AS visible
       FROM documents d, snap
      WHERE d.collection = $1 AND (d.txid, d.seq) > ($2::xid8, $3::bigint)
      ORDER BY d.txid, d.seq
      LIMIT $4`,
    [collection, after.txid, after.seq, SCAN_LIMIT + 1, withDocuments],
  );
  const visible: FeedRow[] = [];
  for (const row of rows) {
    if (!row.visible || visible.length === SCAN_LIMIT) break;
    let wire: WireDocument | null = null;
    const doc = row.doc;
    visible.push({
      position: { txid: row.txid, seq: row.seq },
      stations: row.to_station_id ? [row.station_id, row.to_station_id] : [row.station_id],
      document: () => (wire ??= toWire(piiKey, collection, doc ?? {}, row.deleted)),
    });
  }
  const next = rows[visible.length];
  return {
    rows: visible,
    head: visible.at(-1)?.position ?? null,
    pending: rows.some((r) => !r.visible),
    more: next?.visible === true,
  };
}
