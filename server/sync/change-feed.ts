// "Collection X changed" signals, fanned out to the streams whose scope they concern.
// Pushes pg_notify the channel in their transaction (delivered at commit to every server
// process). Each process LISTENs once; per notification burst it runs ONE scan of the newly
// visible rows of that collection (their station ids and the new head) and wakes only the
// streams whose scope holds one of those stations. Without this, every push woke every open
// stream of the collection and each ran its own pull query: at 500 devices that was 500
// queries per push and the pushes starved.
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
import type { Position } from './checkpoint.ts';
import { headPosition } from './pull.ts';

export interface ChangeSubscription {
  collection: SyncedCollection;
  scope: Scope;
  /** New rows in this scope may be visible: pull. Called at most once per scan. */
  onChange: () => void;
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
  /** How soon to look again for rows held back behind a still-open transaction. */
  recheckMs: number;
  /** Safety net (a lost notification, a dropped LISTEN connection): scan this often anyway. */
  sweepMs: number;
}

interface Scan {
  stations: string[];
  head: Position | null;
  /** Committed rows not yet visible to readers (an older transaction is still open). */
  pending: boolean;
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

  const wake = (state: CollectionState, stations: readonly string[] | 'all'): void => {
    const woken = new Set<Subscriber>(state.everything);
    if (stations === 'all') {
      for (const set of state.byStation.values()) for (const s of set) woken.add(s);
    } else {
      for (const station of stations)
        for (const s of state.byStation.get(station) ?? []) woken.add(s);
    }
    for (const subscriber of woken) subscriber.onChange();
  };

  const scanOnce = async (collection: SyncedCollection, state: CollectionState): Promise<void> => {
    if (!state.position) {
      // First look: only learn the head. Streams that subscribed meanwhile pull once, so
      // nothing that became visible before the head was read slips between the two.
      state.position = await headPosition(db, collection);
      wake(state, 'all');
      return;
    }
    scans += 1;
    const found = await scanAfter(db, collection, state.position);
    if (found.head) state.position = found.head;
    if (found.stations.length > 0) wake(state, found.stations);
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
          if (state.everything.size > 0 || state.byStation.size > 0) request(collection);
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

async function scanAfter(db: Db, collection: SyncedCollection, after: Position): Promise<Scan> {
  // One statement, one snapshot: the stations of the newly visible rows, the new head, and
  // whether committed rows are still held back (txid at or above the snapshot's xmin).
  const { rows } = await db.query<{
    stations: string[] | null;
    txid: string | null;
    seq: string | null;
    pending: boolean;
  }>(
    `WITH snap AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
          fresh AS MATERIALIZED (
            SELECT d.station_id, d.to_station_id, d.txid, d.seq, d.txid < snap.xmin AS visible
              FROM documents d, snap
             WHERE d.collection = $1 AND (d.txid, d.seq) > ($2::xid8, $3::bigint))
     SELECT ARRAY(SELECT station_id FROM fresh WHERE visible
                  UNION SELECT to_station_id FROM fresh WHERE visible AND to_station_id IS NOT NULL)
              AS stations,
            last.txid::text AS txid, last.seq::text AS seq,
            EXISTS (SELECT 1 FROM fresh WHERE NOT visible) AS pending
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (SELECT txid, seq FROM fresh WHERE visible
                           ORDER BY txid DESC, seq DESC LIMIT 1) last ON true`,
    [collection, after.txid, after.seq],
  );
  const row = rows[0];
  return {
    stations: row?.stations ?? [],
    head: row?.txid && row.seq ? { txid: row.txid, seq: row.seq } : null,
    pending: row?.pending ?? false,
  };
}
