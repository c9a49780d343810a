// The schema's `encrypted` fields (applicant, recipient, owner, losing) are sealed with
// AES-256-GCM before a document is stored, and opened again when it is sent to a client:
// the database files never hold plaintext ID numbers, phones or addresses.
import { syncedSchemas, type SyncedCollection } from '../../shared/sync/collections.ts';
import { decryptText, encryptText, isEnvelope } from '../security/crypto.ts';

export function encryptedFields(collection: SyncedCollection): readonly string[] {
  const schema = syncedSchemas[collection];
  return 'encrypted' in schema ? schema.encrypted : [];
}

export function sealFields(
  key: Buffer,
  collection: SyncedCollection,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const fields = encryptedFields(collection);
  if (fields.length === 0) return body;
  const sealed = { ...body };
  for (const field of fields) {
    if (sealed[field] !== undefined)
      sealed[field] = encryptText(key, JSON.stringify(sealed[field]));
  }
  return sealed;
}

export function openFields(
  key: Buffer,
  collection: SyncedCollection,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  const fields = encryptedFields(collection);
  if (fields.length === 0) return stored;
  const opened = { ...stored };
  for (const field of fields) {
    const value = opened[field];
    if (isEnvelope(value)) opened[field] = JSON.parse(decryptText(key, value)) as unknown;
  }
  return opened;
}
