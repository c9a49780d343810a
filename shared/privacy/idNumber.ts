// Document numbers on screens: an ID number shows its first 6 and last 4 characters
// (110105********1239) unless a permitted user reveals it (an audited action).

import { normalizeIdentifier } from '../validation/normalize.ts';
import { MASK_CHAR, wellFormed } from './text.ts';

/**
 * 18-char (and legacy 15-char) ID numbers keep the first 6 + last 4. Shorter document
 * numbers (passports, permits) keep a quarter at each end, so at least half is hidden.
 */
export function maskIdNumber(id: string): string {
  const chars = Array.from(wellFormed(normalizeIdentifier(id)));
  const n = chars.length;
  const leading = n >= 15 ? 6 : Math.floor(n / 4);
  const trailing = n >= 15 ? 4 : Math.floor(n / 4);
  return (
    chars.slice(0, leading).join('') +
    MASK_CHAR.repeat(n - leading - trailing) +
    chars.slice(n - trailing).join('')
  );
}
