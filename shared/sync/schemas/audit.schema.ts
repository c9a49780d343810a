// Append-only audit trail of the client (reveals of ID numbers, edits, reprints, voids, logins).
// It names what was touched, never the personal data itself.
import {
  baseProperties,
  baseRequired,
  noteText,
  refField,
  staffField,
  timeField,
} from './common.ts';

export const auditSchema = {
  title: 'audit entry',
  description: 'append-only client audit entry, no personal data',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    staffId: staffField,
    action: { type: 'string', minLength: 1, maxLength: 32 },
    collectionName: { type: 'string', maxLength: 24 },
    targetId: refField,
    /** Field names changed by an edit (names only, never values). */
    fields: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 40 } },
    reason: noteText,
    at: timeField,
  },
  required: [...baseRequired, 'staffId', 'action', 'at'],
  indexes: ['at'],
  additionalProperties: false,
} as const;
