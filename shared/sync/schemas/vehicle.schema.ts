// 号牌登记: a vehicle registered with an application (plates, licences, mortgage, inspection label).
import { baseProperties, baseRequired, personProperties, refField, shortText } from './common.ts';

export const vehicleSchema = {
  title: 'vehicle',
  description: '号牌登记 — vehicle data of a vehicle-related application',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    applicationId: refField,
    /** Normalised plate, e.g. 京A12345; temporary plates are confirmed by the clerk. */
    plate: { type: 'string', minLength: 2, maxLength: 16 },
    plateKind: shortText,
    /** GA 24.7 号牌种类 code, e.g. 02 small car. */
    plateType: { type: 'string', maxLength: 4 },
    plateConfirmedByClerk: { type: 'boolean' },
    vin: { type: 'string', minLength: 17, maxLength: 17 },
    engineNo: { type: 'string', maxLength: 32 },
    owner: {
      type: 'object',
      properties: { name: personProperties.name, idNumber: personProperties.idNumber },
      required: ['name'],
      additionalProperties: false,
    },
    rubbingMediaIds: { type: 'array', maxItems: 10, items: refField },
  },
  required: [...baseRequired, 'applicationId', 'plate', 'plateKind', 'vin'],
  encrypted: ['owner'],
  indexes: ['plate', 'applicationId'],
  additionalProperties: false,
} as const;
