// Photo / scan metadata on the client, with the bytes as an encrypted attachment (id `bytes`)
// and the upload state of those bytes. Both are client-only: the bytes travel by the media
// queue (PUT /media/{sha256}), never inside a push.
// Dexie refuses indexes on optional fields, so the optional `applicationId` is not indexed
// here (queries on it scan; a device holds few media documents per application).
import { mediaSchema } from '../../../shared/sync/schemas/media.schema.ts';
import { timeField } from '../../../shared/sync/schemas/common.ts';

export const MEDIA_ATTACHMENT_ID = 'bytes';

export const MEDIA_CLIENT_FIELDS = ['uploadState', 'uploadedAt'] as const;

export const mediaClientSchema = {
  ...mediaSchema,
  properties: {
    ...mediaSchema.properties,
    /** pending: local bytes not yet confirmed by the server; remote: bytes only on the server. */
    uploadState: { type: 'string', enum: ['pending', 'uploaded', 'remote'], maxLength: 8 },
    uploadedAt: timeField,
  },
  required: [...mediaSchema.required, 'uploadState'],
  indexes: ['sha256', 'uploadState'],
  attachments: { encrypted: true },
} as const;
