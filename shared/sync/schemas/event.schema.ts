// Status events: append-only, never edited, so they replicate without conflicts.
import {
  baseProperties,
  baseRequired,
  noteText,
  refField,
  shortText,
  staffField,
  timeField,
} from './common.ts';

export const eventSchema = {
  title: 'event',
  description: 'append-only status event of an application',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    applicationId: refField,
    type: { type: 'string', minLength: 1, maxLength: 32 },
    /** When it happened by the recording device's clock: shown, never used to order writes. */
    at: timeField,
    staffId: staffField,
    batchId: refField,
    /** Another station the event concerns (e.g. the mail centre receiving a batch). */
    toStationId: { type: 'string', maxLength: 16 },
    /** Delivery: how the recipient's identity was checked. */
    identityCheck: { type: 'string', enum: ['name_id_last4', 'qr_code', 'none'] },
    reason: shortText,
    note: noteText,
  },
  required: [...baseRequired, 'applicationId', 'type', 'at', 'staffId'],
  indexes: ['applicationId', 'at'],
  additionalProperties: false,
} as const;
