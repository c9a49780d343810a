// The public status query looks an application up by acceptance number + birth date. Only a
// keyed hash of the pair is stored, so the index reveals neither.
import type { Queryable } from '../db/types.ts';
import { hmac } from '../security/crypto.ts';

export const normaliseAcceptanceNo = (value: string): string =>
  value.trim().toUpperCase().replace(/[\s-]/g, '');

export function trackLookup(key: Buffer, acceptanceNo: string, birthDate: string): Buffer {
  return hmac(key, `${normaliseAcceptanceNo(acceptanceNo)}|${birthDate}`);
}

/** The applicant's birth date: given, or read from an 18-character ID number. */
export function birthDateOf(applicant: unknown): string | null {
  if (typeof applicant !== 'object' || applicant === null) return null;
  const person: { birthDate?: unknown; idNumber?: unknown } = applicant;
  if (typeof person.birthDate === 'string' && /^\d{8}$/.test(person.birthDate)) {
    return person.birthDate;
  }
  if (typeof person.idNumber === 'string' && /^\d{17}[\dXx]$/.test(person.idNumber)) {
    return person.idNumber.slice(6, 14);
  }
  return null;
}

export async function updateTrackIndex(
  tx: Queryable,
  key: Buffer,
  applicationId: string,
  body: Record<string, unknown> | null,
): Promise<void> {
  await tx.query('DELETE FROM track_index WHERE application_id = $1', [applicationId]);
  if (!body || typeof body.acceptanceNo !== 'string') return;
  const birthDate = birthDateOf(body.applicant);
  if (!birthDate) return;
  await tx.query(
    'INSERT INTO track_index (lookup, application_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [trackLookup(key, body.acceptanceNo, birthDate), applicationId],
  );
}
