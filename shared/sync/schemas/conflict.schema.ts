// The losing side of a resolved edit conflict, kept so a supervisor can see what was overwritten.
import { baseProperties, baseRequired, refField, staffField, timeField } from './common.ts';

export const conflictSchema = {
  title: 'conflict record',
  description: 'losing version of a resolved conflict',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    collectionName: { type: 'string', minLength: 1, maxLength: 24 },
    documentId: refField,
    /** Names of the fields whose losing values are kept below. */
    fields: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 40 } },
    /** JSON of the losing version (may contain personal data: encrypted at rest). */
    losing: { type: 'string', maxLength: 200_000 },
    resolvedAt: timeField,
    reviewedBy: staffField,
  },
  required: [...baseRequired, 'collectionName', 'documentId', 'fields', 'losing', 'resolvedAt'],
  encrypted: ['losing'],
  indexes: ['resolvedAt'],
  additionalProperties: false,
} as const;
