// The GB 11643-1999 number shape shared by the resident ID number and the 2023
// foreigners' permanent residence card: 17 digits + an ISO 7064 MOD 11-2 check char.

import { checkBirthDate } from './birthDate.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Index of the sum mod 11 into `CHECK_CHARS`; `first17` must already be 17 digits. */
function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * The check character (`0`–`9` or `X`) for the first 17 digits of a resident ID
 * number or permanent residence card number. Throws `RangeError` when given anything
 * but 17 ASCII digits: that is a programming error, not user input (use the parsers for that).
 */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('residentIdCheckChar expects exactly 17 digits');
  }
  return checkCharOf(first17);
}

export type Gb11643Problem =
  'empty' | 'length' | 'format' | 'province' | 'date' | 'date_range' | 'checksum';

/**
 * Checks a normalised number in the order a clerk can act on: length, characters,
 * province, birth date (digits 7–14), then the check char. A typo in the date is thus
 * reported as a date error even though it also breaks the checksum.
 */
export function checkGb11643(
  normalised: string,
  isProvince: (number: string) => boolean,
  now: Date,
): Gb11643Problem | null {
  if (normalised.length === 0) return 'empty';
  if (normalised.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(normalised)) return 'format';
  if (!isProvince(normalised)) return 'province';
  const dateProblem = checkBirthDate(normalised.slice(6, 14), now);
  if (dateProblem === 'invalid') return 'date';
  if (dateProblem === 'out_of_range') return 'date_range';
  if (checkCharOf(normalised.slice(0, 17)) !== normalised[17]) return 'checksum';
  return null;
}
