// The domain rules that settle an edit conflict (DESIGN.md "Conflicts"). Pure: no RxDB, no I/O.
//
// Who is "later"? In RxDB's replication protocol a conflict is found by the server when a
// push's assumedMasterState no longer matches what the server holds. The server's state
// (`master`) was therefore written first in server order, and the local state (`fork`)
// reached the server after it: the fork is the server-ordered later write. Client clocks
// play no part. So, field by field:
// - status-like fields never move backwards: the higher rank wins (whichever side);
// - logs (notes, batch items, media ids) are unions by id: nothing from either side is lost;
// - counters (printCount) take the maximum;
// - every other field takes the fork's value, and the master's overwritten values are
//   returned as `losing` so they can be kept in the `conflicts` collection.
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import { isApplicationStatus, statusRank } from '../../shared/lifecycle/status.ts';

type Json = Record<string, unknown>;

interface MergeRules {
  /** Fields whose value only moves forward: field → rank of a value (-1 if unknown). */
  readonly ranked?: Readonly<Record<string, (value: unknown) => number>>;
  /** Array fields merged as unions: field → key of an item. */
  readonly unions?: Readonly<Record<string, (item: unknown) => string>>;
  /** Numeric fields that take the maximum. */
  readonly max?: readonly string[];
}

function orderRank(order: readonly string[]): (value: unknown) => number {
  return (value) => (typeof value === 'string' ? order.indexOf(value) : -1);
}

const applicationStatusRank = (value: unknown): number =>
  typeof value === 'string' && isApplicationStatus(value) ? statusRank(value) : -1;
const itemKey = (item: unknown): string => JSON.stringify(item);
const byId = (item: unknown): string =>
  typeof item === 'object' && item !== null && 'id' in item ? String(item.id) : itemKey(item);
const byApplicationId = (item: unknown): string =>
  typeof item === 'object' && item !== null && 'applicationId' in item
    ? String(item.applicationId)
    : itemKey(item);

export const MERGE_RULES: Readonly<Record<SyncedCollection, MergeRules>> = {
  applications: {
    ranked: { status: applicationStatusRank },
    unions: { mediaIds: itemKey },
    max: ['updatedAt'],
  },
  waybills: {
    ranked: { state: orderRank(['allocated', 'pending_print', 'printed', 'voided']) },
    max: ['printCount', 'lastPrintedAt', 'updatedAt'],
  },
  vehicles: { unions: { rubbingMediaIds: itemKey }, max: ['updatedAt'] },
  media: { max: ['updatedAt'] },
  events: {},
  batches: {
    ranked: { status: orderRank(['open', 'sealed', 'received', 'closed']) },
    unions: { items: byApplicationId, receivedItems: byApplicationId },
    max: ['updatedAt'],
  },
  workOrders: {
    ranked: { status: orderRank(['open', 'assigned', 'resolved']) },
    unions: { notes: byId },
    max: ['updatedAt'],
  },
  auditLog: {},
  conflicts: {},
  printRecords: {},
};

export interface MergeResult<T extends Json> {
  merged: T;
  /** Fields whose master value was overwritten (empty: nothing was lost). */
  lostFields: string[];
  /** The overwritten master values, by field. */
  losing: Json;
}

/** JSON with sorted keys: equal documents give equal text whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function unionArrays(
  master: unknown,
  fork: unknown,
  key: (item: unknown) => string,
): { merged: unknown[] | undefined; lostItems: unknown[] } {
  const masterItems = Array.isArray(master) ? master : [];
  const forkItems = Array.isArray(fork) ? fork : [];
  if (master === undefined && fork === undefined) return { merged: undefined, lostItems: [] };
  const forkByKey = new Map(forkItems.map((item) => [key(item), item] as const));
  const merged: unknown[] = [];
  const lostItems: unknown[] = [];
  const seen = new Set<string>();
  // Master order first (it was written first), the fork's new items after.
  for (const item of masterItems) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    const forkItem = forkByKey.get(k);
    if (forkItem !== undefined && !sameValue(forkItem, item)) {
      merged.push(forkItem);
      lostItems.push(item);
    } else {
      merged.push(item);
    }
  }
  for (const item of forkItems) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    merged.push(item);
  }
  return { merged, lostItems };
}

/**
 * Merges the server's state (`master`) and the local state that reached the server later
 * (`fork`). Both include `_deleted`. Deterministic for the same inputs.
 */
export function mergeConflict<T extends Json>(
  collection: SyncedCollection,
  master: T,
  fork: T,
): MergeResult<T> {
  const rules = MERGE_RULES[collection];
  const merged: Json = { ...fork };
  const lostFields: string[] = [];
  const losing: Json = {};
  const keys = new Set([...Object.keys(master), ...Object.keys(fork)]);
  for (const field of keys) {
    const m = master[field];
    const f = fork[field];
    const rank = rules.ranked?.[field];
    const unionKey = rules.unions?.[field];
    if (rank !== undefined) {
      merged[field] = rank(m) > rank(f) ? m : f;
    } else if (unionKey !== undefined) {
      const { merged: items, lostItems } = unionArrays(m, f, unionKey);
      if (items === undefined) delete merged[field];
      else merged[field] = items;
      if (lostItems.length > 0) {
        lostFields.push(field);
        losing[field] = lostItems;
      }
    } else if (rules.max?.includes(field)) {
      if (typeof m === 'number' && (typeof f !== 'number' || m > f)) merged[field] = m;
    } else if (!sameValue(m, f)) {
      // The later write wins; the master's value is kept as the losing version.
      if (f === undefined) delete merged[field];
      lostFields.push(field);
      losing[field] = m ?? null;
    }
  }
  return { merged: merged as T, lostFields: lostFields.sort(), losing };
}
