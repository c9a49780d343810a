// Mainland mobile numbers: 11 digits starting 1[3-9]. People write them with
// spaces, dashes or a +86 / 0086 / 86 prefix; those are normalised away.

import { fail, ok, type Result } from '../result.ts';
import { normalizeIdentifier } from './normalize.ts';

export interface Mobile {
  /** 11 digits, no prefix or separators. */
  readonly mobile: string;
}

/**
 * Separators removed (see `normalizeIdentifier`, plus brackets) and a China country
 * code (`+86`, `0086`, or a bare `86` before 11 digits) dropped. Other characters are kept,
 * so callers can still reject them.
 */
export function normalizePhone(input: string): string {
  const compact = normalizeIdentifier(input).replace(/[()]/g, '');
  const prefixed = /^(?:\+86|0086)(.+)$/.exec(compact);
  if (prefixed?.[1] !== undefined) return prefixed[1];
  const bare = /^86(1[3-9]\d{9})$/.exec(compact);
  return bare?.[1] ?? compact;
}

/** Parses and validates a mobile number. Never throws. */
export function parseMobile(input: string): Result<Mobile> {
  const mobile = normalizePhone(input);
  if (mobile.length === 0) return fail('MOBILE_EMPTY', '请输入手机号码', 'Enter the mobile number');
  if (!/^\d{11}$/.test(mobile)) {
    return fail('MOBILE_FORMAT', '手机号码应为11位数字', 'A mobile number must be 11 digits');
  }
  if (!/^1[3-9]/.test(mobile)) {
    return fail(
      'MOBILE_PREFIX',
      '手机号码应以13–19开头',
      'A mobile number must start with 13 to 19',
    );
  }
  return ok({ mobile });
}
