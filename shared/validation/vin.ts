// Vehicle identification number (车辆识别代号, ISO 3779; GB 16735-2019 makes the
// position-9 check digit mandatory for vehicles sold in China).

import { fail, ok, type Result } from '../result.ts';
import { normalizeIdentifier } from './normalize.ts';

export interface Vin {
  /** Normalised: 17 chars, upper-case. */
  readonly vin: string;
  /** Position 9: `0`–`9` or `X`. */
  readonly checkDigit: string;
}

// Transliteration of ISO 3779 Annex; I, O and Q are not allowed in a VIN.
// prettier-ignore
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const VIN_PATTERN = /^[0-9A-HJ-NPR-Z]{17}$/;

function checkDigitOf(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const ch = vin.charAt(i);
    const value = /\d/.test(ch) ? Number(ch) : (LETTER_VALUES[ch] ?? 0);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * The check digit a 17-char VIN must carry at position 9 (the character at position 9
 * of `vin17` is ignored: its weight is 0). Throws `RangeError` unless given 17 VIN
 * characters — a programming error; use `parseVin` for user input.
 */
export function vinCheckDigit(vin17: string): string {
  if (!VIN_PATTERN.test(vin17)) {
    throw new RangeError('vinCheckDigit expects 17 VIN characters (0-9, A-Z without I, O, Q)');
  }
  return checkDigitOf(vin17);
}

/** Parses and validates a VIN. Never throws. */
export function parseVin(input: string): Result<Vin> {
  const vin = normalizeIdentifier(input);
  if (vin.length === 0) return fail('VIN_EMPTY', '请输入车辆识别代号', 'Enter the VIN');
  if (vin.length !== 17) {
    return fail('VIN_LENGTH', '车辆识别代号应为17位', 'The VIN must be 17 characters long');
  }
  if (/[IOQ]/.test(vin)) {
    return fail(
      'VIN_CHAR',
      '车辆识别代号不能包含字母I、O、Q（请检查是否应为数字1、0）',
      'A VIN may not contain the letters I, O or Q (check for the digits 1 and 0)',
    );
  }
  if (!VIN_PATTERN.test(vin)) {
    return fail(
      'VIN_FORMAT',
      '车辆识别代号只能包含数字和字母',
      'A VIN may contain only digits and letters',
    );
  }
  const checkDigit = vin.charAt(8);
  if (checkDigitOf(vin) !== checkDigit) {
    return fail(
      'VIN_CHECKSUM',
      '车辆识别代号校验位（第9位）错误',
      'The VIN check digit (position 9) is wrong',
    );
  }
  return ok({ vin, checkDigit });
}
