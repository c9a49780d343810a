// Refusals of pushed documents: each is answered to the client and kept in quarantine
// (payload encrypted, deduplicated so a replayed batch adds nothing) with an audit row.
import type { Queryable } from '../db/types.ts';
import { writeAudit } from '../auth/repository.ts';
import type { Rejection } from '../../shared/sync/protocol.ts';
import type { WaypostError } from '../../shared/result.ts';
import { encryptBytes, hmac } from '../security/crypto.ts';
import type { ServerKeys } from '../security/keys.ts';
import { canonicalJson } from './canonical.ts';

export const rejection = (id: string, error: WaypostError): Rejection =>
  error.field === undefined
    ? { id, code: error.code, message: error.message, messageEn: error.messageEn }
    : {
        id,
        code: error.code,
        message: error.message,
        messageEn: error.messageEn,
        field: error.field,
      };

/** Real documents are a few KiB; a huge refused payload is recorded by size, not kept whole. */
export const MAX_QUARANTINED_BYTES = 256 * 1024;
const kept = (text: string): string =>
  Buffer.byteLength(text) <= MAX_QUARANTINED_BYTES
    ? text
    : JSON.stringify({
        truncated: true,
        bytes: Buffer.byteLength(text),
        head: text.slice(0, 1024),
      });

export interface QuarantineInput {
  collection: string;
  rejection: Rejection;
  payload: unknown;
  staffId: string;
  deviceId: string;
  stationId: string;
}

export async function quarantine(
  tx: Queryable,
  keys: Pick<ServerKeys, 'pii' | 'docHash'>,
  input: QuarantineInput,
): Promise<void> {
  const text = canonicalJson(input.payload);
  // Keyed: a plain hash of a small document could be brute-forced back to its content.
  const payloadHash = hmac(keys.docHash, text);
  const inserted = await tx.query(
    `INSERT INTO quarantine (collection, doc_id, device_id, staff_id, code, reason, field, payload, payload_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (collection, doc_id, payload_hash, code) DO NOTHING
     RETURNING id`,
    [
      input.collection,
      input.rejection.id,
      input.deviceId,
      input.staffId,
      input.rejection.code,
      input.rejection.messageEn,
      input.rejection.field ?? null,
      encryptBytes(keys.pii, Buffer.from(kept(text), 'utf8')),
      payloadHash,
    ],
  );
  if (inserted.rows.length > 0) {
    await writeAudit(tx, {
      staffId: input.staffId,
      deviceId: input.deviceId,
      stationId: input.stationId,
      action: 'reject',
      collection: input.collection,
      docId: input.rejection.id,
      detail: input.rejection.code,
    });
  }
}
