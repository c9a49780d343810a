// Local-only: blocks of waybill numbers the server gave this device for offline use.
// `nextOffset` advances atomically (compare-and-swap on the revision) in takeNumber().
import { stationField, timeField } from '../../../shared/sync/schemas/common.ts';

export const numberBlockSchema = {
  title: 'number block',
  description: 'waybill numbers allocated to this device (local only)',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 64 },
    stationId: stationField,
    /** Two letters, e.g. EA. */
    serviceIndicator: { type: 'string', minLength: 2, maxLength: 2, pattern: '^[A-Z]{2}$' },
    firstSerial: { type: 'integer', minimum: 0, maximum: 99_999_999 },
    count: { type: 'integer', minimum: 1, maximum: 100_000 },
    /** How many numbers of the block are taken; the next number is firstSerial + nextOffset. */
    nextOffset: { type: 'integer', minimum: 0, maximum: 100_000, multipleOf: 1 },
    /** 1 while numbers remain, 0 when used up (an index on a boolean is not allowed). */
    open: { type: 'integer', minimum: 0, maximum: 1, multipleOf: 1 },
    receivedAt: timeField,
  },
  required: [
    'id',
    'stationId',
    'serviceIndicator',
    'firstSerial',
    'count',
    'nextOffset',
    'open',
    'receivedAt',
  ],
  indexes: [['open', 'receivedAt']],
  additionalProperties: false,
} as const;
