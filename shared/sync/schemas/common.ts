// Field fragments every synced document carries. Times are epoch milliseconds written by
// the client for display only: the server orders writes itself and never trusts them.

export const idField = {
  type: 'string',
  maxLength: 26,
  minLength: 26,
  pattern: '^[0-9A-HJKMNP-TV-Z]{26}$',
} as const;
export const refField = { type: 'string', maxLength: 26 } as const;
export const stationField = {
  type: 'string',
  maxLength: 16,
  minLength: 1,
  pattern: '^[A-Za-z0-9_-]+$',
} as const;
export const staffField = { type: 'string', maxLength: 40, minLength: 1 } as const;
/** Epoch milliseconds; bounded so the field can be indexed (2000-01-01 .. 2100-01-01). */
export const timeField = {
  type: 'number',
  minimum: 946684800000,
  maximum: 4102444800000,
  multipleOf: 1,
} as const;
export const shortText = { type: 'string', maxLength: 64 } as const;
export const noteText = { type: 'string', maxLength: 500 } as const;
export const sha256Field = {
  type: 'string',
  minLength: 64,
  maxLength: 64,
  pattern: '^[0-9a-f]{64}$',
} as const;

/** Fields present on every synced document, in this order. */
export const baseProperties = {
  id: idField,
  stationId: stationField,
  deviceId: { type: 'string', maxLength: 40, minLength: 1 },
  createdAt: timeField,
  updatedAt: timeField,
} as const;

export const baseRequired = ['id', 'stationId', 'deviceId', 'createdAt', 'updatedAt'] as const;

/** A person's details. Encrypted at rest on the client; never logged. */
export const personProperties = {
  name: { type: 'string', minLength: 1, maxLength: 64 },
  idNumber: { type: 'string', maxLength: 18 },
  mobile: { type: 'string', maxLength: 20 },
  /** YYYYMMDD; the public status query asks for it together with the acceptance number. */
  birthDate: { type: 'string', maxLength: 8, pattern: '^[0-9]{8}$' },
} as const;

/** A postal address: names resolved from the division codes plus the free detail line. */
export const addressProperties = {
  // Six digits (county) or nine (township). Written as an alternation: the client's validator
  // (z-schema) refuses the equivalent '^[0-9]{6}([0-9]{3})?$' as a possible ReDoS.
  divisionCode: { type: 'string', maxLength: 12, pattern: '^([0-9]{6}|[0-9]{9})$' },
  province: shortText,
  city: shortText,
  county: shortText,
  street: shortText,
  detail: { type: 'string', minLength: 1, maxLength: 200 },
  postcode: { type: 'string', maxLength: 6 },
} as const;
