// 交接/总包: a handover or dispatch batch — items scanned in, sealed, confirmed by the receiver.
import { baseProperties, baseRequired, refField, staffField, timeField } from './common.ts';

const batchItem = {
  type: 'object',
  properties: {
    applicationId: refField,
    acceptanceNo: { type: 'string', maxLength: 32 },
    waybillNo: { type: 'string', maxLength: 16 },
    sortCode: { type: 'string', maxLength: 16 },
    scannedAt: timeField,
  },
  required: ['applicationId', 'acceptanceNo', 'scannedAt'],
  additionalProperties: false,
} as const;

export const batchSchema = {
  title: 'batch',
  description: '交接/总包 handover or dispatch batch',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: ['materials_run', 'finished_run', 'dispatch'] },
    /** Short code printed as the manifest barcode. */
    batchNo: { type: 'string', minLength: 1, maxLength: 24 },
    status: { type: 'string', enum: ['open', 'sealed', 'received', 'closed'], maxLength: 10 },
    toStationId: { type: 'string', maxLength: 16 },
    createdBy: staffField,
    items: { type: 'array', maxItems: 5000, items: batchItem },
    receivedItems: { type: 'array', maxItems: 5000, items: batchItem },
    sealedAt: timeField,
    receivedAt: timeField,
    receivedBy: staffField,
  },
  required: [...baseRequired, 'kind', 'batchNo', 'status', 'createdBy', 'items'],
  indexes: ['batchNo', 'status'],
  additionalProperties: false,
} as const;
