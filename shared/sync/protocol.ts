// Sync protocol v1: RxDB's replication protocol over HTTP (docs/PROTOCOL.md is the full text).
// Only ever added to: a change that breaks old clients needs a new version number.
import type { SyncedCollection } from './collections.ts';

export const PROTOCOL_VERSION = 1;
/** Every request carries this header; an unsupported value gets HTTP 426. */
export const PROTOCOL_HEADER = 'x-waypost-protocol';
export const API_PREFIX = '/api/v1';

/** Opaque, server-issued, monotonic. Clients store it and send it back unchanged. */
export type Checkpoint = string;

/** A document on the wire: the schema's fields plus RxDB's deletion flag. */
export type WireDocument<T = Record<string, unknown>> = T & { _deleted: boolean };

export interface PullResponse<T = Record<string, unknown>> {
  documents: WireDocument<T>[];
  checkpoint: Checkpoint | null;
}

export interface PushRow<T = Record<string, unknown>> {
  assumedMasterState: WireDocument<T> | null;
  newDocumentState: WireDocument<T>;
}

export interface Rejection {
  id: string;
  code: string;
  /** Chinese, for the clerk who must fix the record. */
  message: string;
  messageEn: string;
  /** JSON path of the offending field, where known. */
  field?: string;
}

export interface PushResponse<T = Record<string, unknown>> {
  /** Master states of rows whose assumed state was out of date: resolve and push again. */
  conflicts: WireDocument<T>[];
  /** Rows refused on their own merits (kept in quarantine on the server); the rest were stored. */
  rejected: Rejection[];
}

/** Server-Sent Events on the stream endpoint: `data:` is one of these as JSON. */
export type StreamMessage<T = Record<string, unknown>> =
  | { kind: 'change'; documents: WireDocument<T>[]; checkpoint: Checkpoint }
  /** The server lost track (restart, overflow): pull from your checkpoint. */
  | { kind: 'resync' };

export const syncPaths = {
  pull: (c: SyncedCollection) => `${API_PREFIX}/sync/${c}/pull`,
  push: (c: SyncedCollection) => `${API_PREFIX}/sync/${c}/push`,
  stream: (c: SyncedCollection) => `${API_PREFIX}/sync/${c}/stream`,
} as const;

/** Limits the server enforces; clients choose batch sizes within them. */
export const SYNC_LIMITS = {
  maxPullLimit: 2000,
  maxPushRows: 2000,
  maxBodyBytes: 8 * 1024 * 1024,
  maxMediaBytes: 10 * 1024 * 1024,
} as const;
