// The replicated collections: one schema each, used by the server's validation and the
// client's RxDB collections alike. Adding a collection is a protocol addition (PROTOCOL.md).
import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { applicationSchema } from './schemas/application.schema.ts';
import { auditSchema } from './schemas/audit.schema.ts';
import { batchSchema } from './schemas/batch.schema.ts';
import { conflictSchema } from './schemas/conflict.schema.ts';
import { eventSchema } from './schemas/event.schema.ts';
import { mediaSchema } from './schemas/media.schema.ts';
import { printRecordSchema } from './schemas/print-record.schema.ts';
import { vehicleSchema } from './schemas/vehicle.schema.ts';
import { waybillSchema } from './schemas/waybill.schema.ts';
import { workOrderSchema } from './schemas/work-order.schema.ts';

export const syncedSchemas = {
  applications: applicationSchema,
  waybills: waybillSchema,
  vehicles: vehicleSchema,
  media: mediaSchema,
  events: eventSchema,
  batches: batchSchema,
  workOrders: workOrderSchema,
  auditLog: auditSchema,
  conflicts: conflictSchema,
  printRecords: printRecordSchema,
} as const;

export type SyncedCollection = keyof typeof syncedSchemas;
export const SYNCED_COLLECTIONS = Object.keys(syncedSchemas) as SyncedCollection[];

/**
 * How a collection replicates:
 * - `mutable`: edited after creation; conflicts resolved by the domain rules.
 * - `append`: written once, never edited (events, audit, conflicts, print records):
 *   a second different write of the same id is rejected.
 */
export const collectionMode: Record<SyncedCollection, 'mutable' | 'append'> = {
  applications: 'mutable',
  waybills: 'mutable',
  vehicles: 'mutable',
  media: 'mutable',
  events: 'append',
  batches: 'mutable',
  workOrders: 'mutable',
  auditLog: 'append',
  conflicts: 'append',
  printRecords: 'append',
};

export function isSyncedCollection(name: string): name is SyncedCollection {
  return Object.hasOwn(syncedSchemas, name);
}

type Doc<S> = ExtractDocumentTypeFromTypedRxJsonSchema<S>;
export type ApplicationDoc = Doc<typeof applicationSchema>;
export type WaybillDoc = Doc<typeof waybillSchema>;
export type VehicleDoc = Doc<typeof vehicleSchema>;
export type MediaDoc = Doc<typeof mediaSchema>;
export type EventDoc = Doc<typeof eventSchema>;
export type BatchDoc = Doc<typeof batchSchema>;
export type WorkOrderDoc = Doc<typeof workOrderSchema>;
export type AuditDoc = Doc<typeof auditSchema>;
export type ConflictDoc = Doc<typeof conflictSchema>;
export type PrintRecordDoc = Doc<typeof printRecordSchema>;

export interface SyncedDocTypes {
  applications: ApplicationDoc;
  waybills: WaybillDoc;
  vehicles: VehicleDoc;
  media: MediaDoc;
  events: EventDoc;
  batches: BatchDoc;
  workOrders: WorkOrderDoc;
  auditLog: AuditDoc;
  conflicts: ConflictDoc;
  printRecords: PrintRecordDoc;
}

/** Stations a document belongs to: its own, plus the receiving station where it names one. */
export function documentStations(doc: { stationId: string; toStationId?: string }): string[] {
  return doc.toStationId && doc.toStationId !== doc.stationId
    ? [doc.stationId, doc.toStationId]
    : [doc.stationId];
}
