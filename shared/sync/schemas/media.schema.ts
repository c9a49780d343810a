// Metadata of a photo or scan. The bytes travel separately, content-addressed (PUT /media/{sha256}).
import { baseProperties, baseRequired, refField, sha256Field } from './common.ts';

export const mediaSchema = {
  title: 'media',
  description: 'photo / scan metadata; bytes are uploaded by hash',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    sha256: sha256Field,
    kind: {
      type: 'string',
      enum: ['portrait', 'document', 'vin_rubbing', 'engine_rubbing', 'id_card', 'signature'],
    },
    mime: { type: 'string', enum: ['image/jpeg', 'image/png', 'application/pdf'] },
    bytes: { type: 'integer', minimum: 1, maximum: 20_000_000 },
    widthPx: { type: 'integer', minimum: 0, maximum: 20_000 },
    heightPx: { type: 'integer', minimum: 0, maximum: 20_000 },
    applicationId: refField,
    vehicleId: refField,
    page: { type: 'integer', minimum: 1, maximum: 200 },
    /** Photo spec code it was checked against, e.g. resident_id. */
    spec: { type: 'string', maxLength: 32 },
    /** A portrait accepted for 一照通用 (reuse by later applications of the same person). */
    accepted: { type: 'boolean' },
  },
  required: [...baseRequired, 'sha256', 'kind', 'mime', 'bytes'],
  indexes: ['sha256', 'applicationId'],
  additionalProperties: false,
} as const;
