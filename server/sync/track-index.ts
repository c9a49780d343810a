// The public status query looks an application up by acceptance number + birth date. Only a
// keyed hash of the pair is stored, so the index reveals neither.
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
