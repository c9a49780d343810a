// Resident ID number (居民身份证号码, GB 11643-1999), also used by residence permits
// for Hong Kong, Macao and Taiwan residents (prefixes 81/82/83).

import { fail, ok, type Result } from '../result.ts';
import { isoFromCompact, type ClockOptions } from './birthDate.ts';
import { checkGb11643, type Gb11643Problem } from './gb11643.ts';
import { normalizeIdentifier } from './normalize.ts';
import { isResidentIdProvinceCode } from './provinces.ts';
import { parsePermanentResidenceCard } from './permanentResidenceCard.ts';

export type Sex = 'male' | 'female';

export interface ResidentId {
  /** Normalised: 18 chars, separators removed, check char `X` upper-case. */
  readonly idNumber: string;
  /** First 6 digits (GB/T 2260 area of first registration; may be an abolished code). */
  readonly areaCode: string;
  /** First 2 digits. */
  readonly provinceCode: string;
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  /** `YYYYMMDD`, as used by the public status query. */
  readonly birthDateCompact: string;
  /** From the 17th digit: odd = male. */
  readonly sex: Sex;
}

const MESSAGES: Record<Gb11643Problem, readonly [code: string, zh: string, en: string]> = {
  empty: ['ID_EMPTY', '请输入身份证号码', 'Enter the ID number'],
  length: ['ID_LENGTH', '身份证号码应为18位', 'The ID number must be 18 characters long'],
  format: [
    'ID_FORMAT',
    '身份证号码前17位应为数字，最后一位为数字或X',
    'The ID number must be 17 digits followed by a digit or X',
  ],
  province: [
    'ID_PROVINCE',
    '身份证号码前两位（省级代码）无效',
    'The first two digits (province code) of the ID number are not valid',
  ],
  date: [
    'ID_DATE',
    '身份证号码中的出生日期不存在',
    'The date of birth in the ID number is not a real date',
  ],
  date_range: [
    'ID_DATE_RANGE',
    '身份证号码中的出生日期不能早于1900年或晚于今天',
    'The date of birth in the ID number must be between 1900 and today',
  ],
  checksum: [
    'ID_CHECKSUM',
    '身份证号码校验位错误',
    'The check character of the ID number is wrong',
  ],
};

/** Parses and validates a resident ID number. Never throws. */
export function parseResidentId(input: string, options: ClockOptions = {}): Result<ResidentId> {
  const now = options.now ?? new Date();
  const idNumber = normalizeIdentifier(input);
  const problem = checkGb11643(idNumber, (n) => isResidentIdProvinceCode(n.slice(0, 2)), now);
  if (problem !== null) {
    if (problem === 'length' && /^\d{15}$/.test(idNumber)) {
      return fail(
        'ID_LENGTH',
        '15位旧身份证号码已停止使用，请输入18位号码',
        'Old 15-digit ID numbers are no longer valid; enter the 18-character number',
      );
    }
    // A foreigner's card in the ID field is a wrong document type, not a typo.
    if (problem === 'province' && parsePermanentResidenceCard(idNumber, { now }).ok) {
      return fail(
        'ID_IS_PERMANENT_RESIDENCE_CARD',
        '这是外国人永久居留身份证号码，请选择“外国人永久居留身份证”证件类型',
        "This is a foreigner's permanent residence card number; choose that document type",
      );
    }
    const [code, zh, en] = MESSAGES[problem];
    return fail(code, zh, en);
  }
  const birthDateCompact = idNumber.slice(6, 14);
  return ok({
    idNumber,
    areaCode: idNumber.slice(0, 6),
    provinceCode: idNumber.slice(0, 2),
    birthDate: isoFromCompact(birthDateCompact),
    birthDateCompact,
    sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
  });
}

export { residentIdCheckChar } from './gb11643.ts';
