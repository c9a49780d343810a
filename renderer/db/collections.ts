// The client's collections: the ten synced ones plus two local-only ones. RxDB open source
// allows about 13 open collections per JavaScript realm, so this list stays at 12.
import type { ExtractDocumentTypeFromTypedRxJsonSchema, RxCollection, RxDatabase } from 'rxdb';
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import { applicationClientSchema } from './schemas/application.schema.ts';
import { auditClientSchema } from './schemas/audit.schema.ts';
import { batchClientSchema } from './schemas/batch.schema.ts';
import { conflictClientSchema } from './schemas/conflict.schema.ts';
import { eventClientSchema } from './schemas/event.schema.ts';
import { mediaClientSchema } from './schemas/media.schema.ts';
import { numberBlockSchema } from './schemas/number-block.schema.ts';
import { printRecordClientSchema } from './schemas/print-record.schema.ts';
import { syncIssueSchema } from './schemas/sync-issue.schema.ts';
import { vehicleClientSchema } from './schemas/vehicle.schema.ts';
import { waybillClientSchema } from './schemas/waybill.schema.ts';
import { workOrderClientSchema } from './schemas/work-order.schema.ts';

export const clientSchemas = {
  applications: applicationClientSchema,
  waybills: waybillClientSchema,
  vehicles: vehicleClientSchema,
  media: mediaClientSchema,
  events: eventClientSchema,
  batches: batchClientSchema,
  workOrders: workOrderClientSchema,
  auditLog: auditClientSchema,
  conflicts: conflictClientSchema,
  printRecords: printRecordClientSchema,
  numberBlocks: numberBlockSchema,
  syncIssues: syncIssueSchema,
} as const satisfies Record<SyncedCollection | 'numberBlocks' | 'syncIssues', object>;

export type CollectionName = keyof typeof clientSchemas;
export const COLLECTION_NAMES = Object.keys(clientSchemas) as CollectionName[];
export type LocalCollection = Exclude<CollectionName, SyncedCollection>;

type Doc<S> = ExtractDocumentTypeFromTypedRxJsonSchema<S>;
export type ClientDocTypes = { [K in CollectionName]: Doc<(typeof clientSchemas)[K]> };
export type ApplicationClientDoc = ClientDocTypes['applications'];
export type MediaClientDoc = ClientDocTypes['media'];
export type NumberBlockDoc = ClientDocTypes['numberBlocks'];
export type SyncIssueDoc = ClientDocTypes['syncIssues'];

export type WaypostCollections = { [K in CollectionName]: RxCollection<ClientDocTypes[K]> };

/** A database with the given collections open (all twelve unless a subset was asked for). */
export type WaypostDatabase<K extends CollectionName = CollectionName> = RxDatabase<
  Pick<WaypostCollections, K>
>;
