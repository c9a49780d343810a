// Identifiers: ULIDs from the injected clock; deterministic ids where a write must be
// idempotent (the same resolved conflict recorded twice is recorded once).
import { ulid } from 'ulid';
import { canonical } from '../sync/conflict-rules.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newId(now: number): string {
  return ulid(now);
}

/** A ULID-shaped id (26 Crockford chars, first ≤ 7) from a SHA-256 of the given text. */
export async function deterministicId(text: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)),
  );
  let bits = '';
  for (const byte of digest) bits += byte.toString(2).padStart(8, '0');
  let out = CROCKFORD[parseInt(bits.slice(0, 3), 2)] ?? '0';
  for (let i = 0; i < 25; i += 1) {
    out += CROCKFORD[parseInt(bits.slice(3 + i * 5, 8 + i * 5), 2)] ?? '0';
  }
  return out;
}

export function conflictRecordId(version: {
  collectionName: string;
  documentId: string;
  master: unknown;
  fork: unknown;
}): Promise<string> {
  return deterministicId(
    canonical([version.collectionName, version.documentId, version.master, version.fork]),
  );
}
