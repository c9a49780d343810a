// EMS waybill numbers: UPU S10 (`EA123456785CN`) or the 13-digit domestic form,
// which has no published check rule and is accepted on shape alone.

import { fail, ok, type Result } from '../result.ts';
import { normalizeIdentifier } from './normalize.ts';

export type WaybillNumber =
  | {
      readonly waybillNo: string;
      readonly form: 's10';
      /** Two letters, e.g. `EA` (EMS). */
      readonly serviceIndicator: string;
      /** The 8-digit serial number. */
      readonly serial: string;
      readonly checkDigit: string;
      /** ISO 3166-1 alpha-2 of the issuing postal operator, e.g. `CN`. */
      readonly countryCode: string;
    }
  | {
      readonly waybillNo: string;
      readonly form: 'domestic13';
      readonly serviceIndicator?: undefined;
      readonly serial?: undefined;
      readonly checkDigit?: undefined;
      readonly countryCode?: undefined;
    };

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
const S10_PATTERN = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;

/**
 * UPU S10 check digit for an 8-digit serial: C = 11 − (Σ dᵢwᵢ mod 11), 10 → 0, 11 → 5.
 * Throws `RangeError` unless given 8 ASCII digits (a programming error).
 */
export function s10CheckDigit(serial8: string): string {
  if (!/^\d{8}$/.test(serial8)) throw new RangeError('s10CheckDigit expects exactly 8 digits');
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(serial8[i]) * (S10_WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  return String(check === 10 ? 0 : check === 11 ? 5 : check);
}

/** Parses and validates a waybill number in either form. Never throws. */
export function parseWaybillNumber(input: string): Result<WaybillNumber> {
  const waybillNo = normalizeIdentifier(input);
  if (waybillNo.length === 0) {
    return fail('WAYBILL_EMPTY', '请输入邮件号码', 'Enter the waybill number');
  }
  if (/^\d{13}$/.test(waybillNo)) return ok({ waybillNo, form: 'domestic13' });
  const s10 = S10_PATTERN.exec(waybillNo);
  if (s10 === null) {
    return fail(
      'WAYBILL_FORMAT',
      '邮件号码格式不正确（应为13位数字，或2位字母+9位数字+2位字母，如 EA123456785CN）',
      'The waybill number must be 13 digits, or 2 letters + 9 digits + 2 letters (e.g. EA123456785CN)',
    );
  }
  const [, serviceIndicator = '', serial = '', checkDigit = '', countryCode = ''] = s10;
  if (s10CheckDigit(serial) !== checkDigit) {
    return fail(
      'WAYBILL_CHECKSUM',
      '邮件号码校验位错误',
      'The check digit of the waybill number is wrong',
    );
  }
  return ok({ waybillNo, form: 's10', serviceIndicator, serial, checkDigit, countryCode });
}
