// Photo / scan metadata on the client, with the bytes as an encrypted attachment (id `bytes`).
// Attachments are client-only: the bytes travel by the media queue (PUT /media/{sha256}).
// Dexie refuses indexes on optional fields, so the optional `applicationId` is not indexed
// here (queries on it scan; a device holds few media documents per application).
import { mediaSchema } from '../../../shared/sync/schemas/media.schema.ts';

export const MEDIA_ATTACHMENT_ID = 'bytes';

export const mediaClientSchema = {
  ...mediaSchema,
  indexes: ['sha256'],
  attachments: { encrypted: true },
} as const;
