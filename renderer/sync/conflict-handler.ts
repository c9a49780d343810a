// RxDB conflict handler built from the domain rules (conflict-rules.ts). Equality ignores what
// never reaches the server (client-only look-up fields, attachments); a resolution recomputes
// the client-only fields and keeps the master's overwritten values in `conflicts`.
import { deepEqual, type RxConflictHandler, type WithDeleted } from 'rxdb';
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import { mergeConflict } from './conflict-rules.ts';

type Json = Record<string, unknown>;

export interface LosingVersion {
  collectionName: SyncedCollection;
  documentId: string;
  stationId: string;
  /** The master document as the server had it. */
  master: Json;
  /** The local document that reached the server later. */
  fork: Json;
  lostFields: string[];
  losing: Json;
}

export interface ConflictHandlerOptions {
  collection: SyncedCollection;
  /** Client-only fields: ignored when comparing, recomputed by `enrich`. */
  clientFields: readonly string[];
  enrich(doc: Json): Promise<Json>;
  recordLosing(version: LosingVersion): Promise<void>;
}

/** The document as the server knows it: without client-only fields and attachments. */
export function stripClientFields(doc: Json, clientFields: readonly string[]): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === '_attachments' || key === '_meta' || key === '_rev') continue;
    if (clientFields.includes(key)) continue;
    out[key] = value;
  }
  return out;
}

/**
 * Records the losing version, retrying a little. A resolution must not throw: RxDB would drop
 * the rows of that push and a later checkpoint could pass them (the document itself would then
 * never be pushed). Losing the copy is the lesser harm; it is counted for diagnostics.
 */
export const conflictRecordFailures = { count: 0 };
async function keepLosing(options: ConflictHandlerOptions, version: LosingVersion): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await options.recordLosing(version);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
  conflictRecordFailures.count += 1;
}

export function createConflictHandler<T>(options: ConflictHandlerOptions): RxConflictHandler<T> {
  const strip = (doc: WithDeleted<T>): Json =>
    stripClientFields(doc satisfies object as Json, options.clientFields);
  return {
    isEqual(a, b) {
      return deepEqual(strip(a), strip(b));
    },
    async resolve(input) {
      const master = strip(input.realMasterState);
      const fork = strip(input.newDocumentState);
      const { merged, lostFields, losing } = mergeConflict(options.collection, master, fork);
      if (lostFields.length > 0) {
        await keepLosing(options, {
          collectionName: options.collection,
          documentId: String(master['id'] ?? fork['id']),
          stationId: String(master['stationId'] ?? fork['stationId']),
          master,
          fork,
          lostFields,
          losing,
        });
      }
      // Client-only state (e.g. a photo's upload state) is the device's own: keep the fork's.
      const local = input.newDocumentState as Json;
      for (const field of options.clientFields) {
        if (field in local) merged[field] = local[field];
      }
      const enriched = await options.enrich(merged);
      // RxDB keeps the fork's attachments when the resolution carries none.
      return enriched as WithDeleted<T>;
    },
  };
}
