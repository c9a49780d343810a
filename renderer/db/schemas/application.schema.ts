// 受理单 on the client: the shared schema plus client-only look-up fields. Personal data is
// encrypted at rest, so exact look-ups go through keyed hashes (blind indexes) and the
// mobile's last 4 digits. These fields never leave the device (stripped before push).
import { applicationSchema } from '../../../shared/sync/schemas/application.schema.ts';

/** HMAC-SHA-256 as 64 hex chars; '' when the value is absent. */
const blindIndexField = { type: 'string', maxLength: 64 } as const;
const last4Field = { type: 'string', maxLength: 4 } as const;

export const APPLICATION_CLIENT_FIELDS = [
  'blindIdNumber',
  'blindMobile',
  'blindRecipientMobile',
  'mobileLast4',
  'recipientMobileLast4',
  'newestFirst',
] as const;

/**
 * RxDB's planner only walks an index upwards, so "newest first" needs a key that grows as
 * acceptedAt falls: the records list then reads just the page it shows.
 */
const NEWEST_FIRST_BASE = 4102444800000; // timeField's maximum (2100-01-01)
export function newestFirstKey(acceptedAt: number): number {
  return NEWEST_FIRST_BASE - acceptedAt;
}
const newestFirstField = {
  type: 'number',
  minimum: 0,
  maximum: NEWEST_FIRST_BASE - 946684800000,
  multipleOf: 1,
} as const;

const shared = applicationSchema.properties;
const address = shared.recipient.properties.address;

/**
 * Version 2 added `newestFirst` (the records list's sort key).
 * Version 1 added the blind indexes (version 0 was the shared schema as it is). It also
 * spells the division-code pattern without a quantified group: the production validator
 * (z-schema) refuses `^[0-9]{6}([0-9]{3})?$` as a possible ReDoS; this one is equivalent.
 */
export const applicationClientSchema = {
  ...applicationSchema,
  version: 2,
  properties: {
    ...shared,
    recipient: {
      ...shared.recipient,
      properties: {
        ...shared.recipient.properties,
        address: {
          ...address,
          properties: {
            ...address.properties,
            divisionCode: { ...address.properties.divisionCode, pattern: '^([0-9]{6}|[0-9]{9})$' },
          },
        },
      },
    },
    blindIdNumber: blindIndexField,
    blindMobile: blindIndexField,
    blindRecipientMobile: blindIndexField,
    mobileLast4: last4Field,
    recipientMobileLast4: last4Field,
    newestFirst: newestFirstField,
  },
  required: [...applicationSchema.required, ...APPLICATION_CLIENT_FIELDS],
  indexes: [...applicationSchema.indexes, ...APPLICATION_CLIENT_FIELDS],
} as const;

/** The version-0 schema, kept so the migration test can create v0 data. */
export const applicationClientSchemaV0 = applicationSchema;
