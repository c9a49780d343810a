// What the Chromium harness page exposes as `window.waypostBench`, called by the Node drivers
// through page.evaluate. Arguments and results are JSON (photos travel as base64).
import type { SyntheticContext } from '../lib/synthetic.ts';

/** Production validates with z-schema; 'none' only where a run says why. */
export type Validation = 'z-schema' | 'none';

export interface Timed {
  ms: number;
}

export interface SamplesResult {
  /** One latency per operation, ms. */
  samples: number[];
  /** Documents (or hits) each operation saw, for sanity checks. */
  counts: number[];
}

export type SearchKind = 'waybill' | 'phoneLast4' | 'idNumber';

export interface StoreCounts {
  applications: number;
  waybills: number;
  media: number;
  events: number;
}

export interface SyncRunResult {
  ms: number;
  /** Documents the replication moved, per collection. */
  documents: Record<string, number>;
  /** Wire bytes (request + response bodies) seen by fetch, where measurable. */
  bytes: number;
  /** Photos moved through /media (bytes included in `bytes`). */
  photos: number;
  /** When the documents were in sync, and when the photos were done (ms from the start). */
  docsMs?: number;
  photosMs?: number;
  /** Photos whose upload the server refused at least once (then retried), by code. */
  photoRetries?: Record<string, number>;
}

export interface HarnessApi {
  /** The 30 KB portrait every synthetic intake uses (variants get their own SHA-256). */
  setPhoto(base64: string): void;

  // Local (Waypost data layer: RxDB 17 + Dexie + encryption + validation).
  openLocal(name: string, validation: Validation): Promise<Timed>;
  closeLocal(): Promise<void>;
  /** Bulk-writes synthetic intakes [from, from + count) (application, waybill, event). */
  seedLocal(from: number, count: number, ctx: SyntheticContext, chunk: number): Promise<Timed>;
  countLocal(): Promise<StoreCounts>;
  /** Sequential intake saves, each as the app saves one (see harness/local.ts). */
  intakeSaves(from: number, count: number, ctx: SyntheticContext): Promise<SamplesResult>;
  searches(kind: SearchKind, indexes: number[], ctx: SyntheticContext): Promise<SamplesResult>;
  /** The records list's query: newest 500 applications and their waybills. */
  recordsList(repeats: number): Promise<SamplesResult>;

  // Floor: the same writes through raw Dexie (no RxDB, no encryption, no validation).
  openDexieFloor(name: string): Promise<Timed>;
  closeDexieFloor(): Promise<void>;
  seedDexieFloor(from: number, count: number, ctx: SyntheticContext, chunk: number): Promise<Timed>;
  dexieIntakeSaves(from: number, count: number, ctx: SyntheticContext): Promise<SamplesResult>;
  dexieSearches(kind: SearchKind, indexes: number[], ctx: SyntheticContext): Promise<SamplesResult>;
  /** Raw Dexie bulk write of exactly the rows a sync run moves (the sync floor). */
  dexieBulkWrite(
    name: string,
    from: number,
    count: number,
    photos: number,
    ctx: SyntheticContext,
  ): Promise<Timed & { bytes: number }>;

  // Sync (Waypost replication client against the real server, same origin via the proxy).
  /** Writes `count` intakes (application + event) and `photos` portraits locally, offline. */
  prepareOutbox(
    name: string,
    from: number,
    count: number,
    photos: number,
    ctx: SyntheticContext,
    validation: Validation,
  ): Promise<Timed>;
  /** Starts replication and waits until everything local is on the server (and photos uploaded). */
  syncPush(name: string, auth: DeviceAuth): Promise<SyncRunResult>;
  /** A new device: empty database, replication until in sync (photos downloaded if asked). */
  syncPull(name: string, auth: DeviceAuth, downloadPhotos: boolean): Promise<SyncRunResult>;
  /** Starts replication, waits in sync, then stays live (for catch-up measurements). */
  syncCatchUp(name: string, auth: DeviceAuth): Promise<SyncRunResult>;

  // Peer: PouchDB (IndexedDB adapter) replicating to pouchdb-server over the same proxy.
  pouchPrepare(
    name: string,
    from: number,
    count: number,
    photos: number,
    ctx: SyntheticContext,
  ): Promise<Timed>;
  pouchPush(name: string, remote: string): Promise<SyncRunResult>;
  pouchPull(name: string, remote: string): Promise<SyncRunResult>;
  pouchDestroy(name: string): Promise<void>;

  /** Deletes every IndexedDB database of this origin (between runs). */
  wipe(): Promise<void>;
}

export interface DeviceAuth {
  validation: Validation;
  /** Same-origin path prefix of the server, e.g. '/waypost'. */
  baseUrl: string;
  accessToken: string;
  refreshToken: string;
  deviceId: string;
  stationId: string;
}

declare global {
  interface Window {
    waypostBench?: HarnessApi;
  }
}
