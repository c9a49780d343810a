// Phone numbers on waybills (≥6 digits hidden) and in search fields.

import { normalizePhone } from '../validation/mobile.ts';
import { MASK_CHAR } from './text.ts';

/** The digits of a phone number, with separators and a +86 / 0086 prefix removed. */
function phoneDigits(phone: string): string {
  return normalizePhone(phone).replace(/\D/g, '');
}

/**
 * Keeps at most the first 3 and last 2 digits and hides at least 6:
 * mobile `13800138078` → `138******78`; landline `0351-1234567` → `035******67`;
 * an 8-digit local number → `******67`; 6 digits or fewer → all hidden.
 * Separators and any non-digits are dropped from the output.
 */
export function maskPhone(phone: string): string {
  const digits = phoneDigits(phone);
  const kept = Math.max(0, digits.length - 6);
  const trailing = Math.min(2, kept);
  const leading = Math.min(3, kept - trailing);
  return (
    digits.slice(0, leading) +
    MASK_CHAR.repeat(digits.length - leading - trailing) +
    digits.slice(digits.length - trailing)
  );
}

/** The last 4 digits ("尾号") for search fields; `''` when there are fewer than 4. */
export function phoneLast4(phone: string): string {
  const digits = phoneDigits(phone);
  return digits.length >= 4 ? digits.slice(-4) : '';
}
