// Foreigners' permanent residence card (外国人永久居留身份证), 2023 edition: 18 chars
// built like a resident ID number — `9`, 2-digit province of the issuing office,
// 3-digit nationality (ISO 3166-1 numeric), YYYYMMDD, 3-digit sequence, MOD 11-2 check.
// Older 15-char cards (3 letters + 12 digits) are a different format and not parsed here.

import { fail, ok, type Result } from '../result.ts';
import { isoFromCompact, type ClockOptions } from './birthDate.ts';
import { checkGb11643, type Gb11643Problem } from './gb11643.ts';
import { normalizeIdentifier } from './normalize.ts';
import { isMainlandProvinceCode } from './provinces.ts';

export interface PermanentResidenceCard {
  /** Normalised: 18 chars, check char `X` upper-case. */
  readonly cardNumber: string;
  /** Province of the issuing office (digits 2–3). */
  readonly provinceCode: string;
  /** ISO 3166-1 numeric nationality code (digits 4–6), not checked against a list. */
  readonly nationalityCode: string;
  readonly birthDate: string;
  readonly birthDateCompact: string;
}

const MESSAGES: Record<Gb11643Problem, readonly [code: string, zh: string, en: string]> = {
  empty: ['PR_CARD_EMPTY', '请输入永久居留身份证号码', 'Enter the permanent residence card number'],
  length: [
    'PR_CARD_LENGTH',
    '永久居留身份证号码应为18位',
    'The permanent residence card number must be 18 characters long',
  ],
  format: [
    'PR_CARD_FORMAT',
    '永久居留身份证号码应以9开头，前17位为数字，最后一位为数字或X',
    'The permanent residence card number must start with 9: 17 digits then a digit or X',
  ],
  province: [
    'PR_CARD_PROVINCE',
    '永久居留身份证号码第2–3位（受理地省级代码）无效',
    'Digits 2–3 (issuing province) of the permanent residence card number are not valid',
  ],
  date: [
    'PR_CARD_DATE',
    '永久居留身份证号码中的出生日期不存在',
    'The date of birth in the permanent residence card number is not a real date',
  ],
  date_range: [
    'PR_CARD_DATE_RANGE',
    '永久居留身份证号码中的出生日期不能早于1900年或晚于今天',
    'The date of birth in the permanent residence card number must be between 1900 and today',
  ],
  checksum: [
    'PR_CARD_CHECKSUM',
    '永久居留身份证号码校验位错误',
    'The check character of the permanent residence card number is wrong',
  ],
};

/** Parses and validates a 2023-edition permanent residence card number. Never throws. */
export function parsePermanentResidenceCard(
  input: string,
  options: ClockOptions = {},
): Result<PermanentResidenceCard> {
  const cardNumber = normalizeIdentifier(input);
  let problem = checkGb11643(
    cardNumber,
    (n) => isMainlandProvinceCode(n.slice(1, 3)),
    options.now ?? new Date(),
  );
  if (problem !== 'empty' && problem !== 'length' && !cardNumber.startsWith('9'))
    problem = 'format';
  if (problem !== null) {
    const [code, zh, en] = MESSAGES[problem];
    return fail(code, zh, en);
  }
  const birthDateCompact = cardNumber.slice(6, 14);
  return ok({
    cardNumber,
    provinceCode: cardNumber.slice(1, 3),
    nationalityCode: cardNumber.slice(3, 6),
    birthDate: isoFromCompact(birthDateCompact),
    birthDateCompact,
  });
}
