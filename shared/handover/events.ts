// The status events a batch records: one per item when it is sealed (e.g. packed,
// dispatched) and one per item the receiving side confirms (materials handed over).
// Events are append-only documents, so both sides write their own without conflicts.
import type { StatusEventType } from '../lifecycle/index.ts';
import type { BatchDoc, EventDoc } from '../sync/collections.ts';
import { BATCH_KINDS } from './kinds.ts';
import { batchDifferences } from './receive.ts';

export interface EventContext {
  /** Generates a fresh ULID per event. */
  readonly newId: () => string;
  /** The recording device and its station (the receiver's, for receipt events). */
  readonly stationId: string;
  readonly deviceId: string;
  readonly staffId: string;
  readonly now: number;
}

function event(
  batch: BatchDoc,
  applicationId: string,
  type: StatusEventType,
  ctx: EventContext,
  otherStation: string | undefined,
): EventDoc {
  return {
    id: ctx.newId(),
    stationId: ctx.stationId,
    deviceId: ctx.deviceId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    applicationId,
    type,
    at: ctx.now,
    staffId: ctx.staffId,
    batchId: batch.id,
    // The other side of the hand-over sees the event too (documentStations).
    ...(otherStation && otherStation !== ctx.stationId ? { toStationId: otherStation } : {}),
  };
}

/** Events for every item of a batch that has just been sealed. */
export function sealEvents(batch: BatchDoc, ctx: EventContext): EventDoc[] {
  const type = BATCH_KINDS[batch.kind].sealEvent;
  if (type === null) return [];
  return batch.items.map((item) => event(batch, item.applicationId, type, ctx, batch.toStationId));
}

/** Events for every item the receiving side confirmed (never for unexpected ones). */
export function receiptEvents(batch: BatchDoc, ctx: EventContext): EventDoc[] {
  const type = BATCH_KINDS[batch.kind].receiveEvent;
  if (type === null) return [];
  const { missing, unexpected } = batchDifferences(batch);
  const skip = new Set([...missing, ...unexpected].map((item) => item.applicationId));
  return batch.items
    .filter((item) => !skip.has(item.applicationId))
    .map((item) => event(batch, item.applicationId, type, ctx, batch.stationId));
}
