// Local-only: a record the server refused (push `rejected`), kept until a clerk fixes it or a
// supervisor discards it. Never dropped silently. The refused document may hold personal
// data, so it is encrypted at rest.
import { staffField, timeField } from '../../../shared/sync/schemas/common.ts';

export const syncIssueSchema = {
  title: 'sync issue',
  description: 'a record the server rejected, with its reason (local only)',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** `${collectionName}:${documentId}`: one open issue per record. */
    id: { type: 'string', minLength: 1, maxLength: 64 },
    collectionName: { type: 'string', minLength: 1, maxLength: 24 },
    documentId: { type: 'string', minLength: 1, maxLength: 40 },
    code: { type: 'string', minLength: 1, maxLength: 64 },
    message: { type: 'string', maxLength: 500 },
    messageEn: { type: 'string', maxLength: 500 },
    field: { type: 'string', maxLength: 200 },
    state: { type: 'string', enum: ['open', 'retrying', 'resolved', 'discarded'], maxLength: 10 },
    /** JSON of the refused document state. */
    document: { type: 'string', maxLength: 2_000_000 },
    /** JSON of the master state the refused push assumed (the server kept it): null if new. */
    assumedMasterState: { type: 'string', maxLength: 2_000_000 },
    rejectedAt: timeField,
    attempts: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    resolvedAt: timeField,
    discardedBy: staffField,
    discardReason: { type: 'string', maxLength: 500 },
  },
  required: [
    'id',
    'collectionName',
    'documentId',
    'code',
    'message',
    'messageEn',
    'state',
    'document',
    'assumedMasterState',
    'rejectedAt',
    'attempts',
  ],
  encrypted: ['document', 'assumedMasterState'],
  indexes: ['state', 'rejectedAt'],
  additionalProperties: false,
} as const;
