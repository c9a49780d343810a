import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMobile } from '../../../shared/validation/index.ts';
import { RUNS, digitsArb, mobileArb } from './arbitraries.ts';

const codeOf = (input: string) => {
  const result = parseMobile(input);
  return result.ok ? result.value.mobile : result.error.code;
};

describe('parseMobile', () => {
  it('accepts 11 digits starting 13–19', () => {
    expect(parseMobile('13800138000')).toEqual({ ok: true, value: { mobile: '13800138000' } });
    expect(codeOf('19912345678')).toBe('19912345678');
  });

  it('tolerates spaces, dashes and a +86 / 0086 / 86 prefix', () => {
    for (const typed of [
      '138 0013 8000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '+86-13800138000',
      '(+86)13800138000',
      '0086 13800138000',
      '8613800138000',
      '１３８００１３８０００',
    ]) {
      expect(codeOf(typed)).toBe('13800138000');
    }
  });

  it('rejects wrong prefixes, lengths and characters', () => {
    expect(codeOf('')).toBe('MOBILE_EMPTY');
    expect(codeOf('12800138000')).toBe('MOBILE_PREFIX');
    expect(codeOf('10800138000')).toBe('MOBILE_PREFIX');
    expect(codeOf('1380013800')).toBe('MOBILE_FORMAT');
    expect(codeOf('138001380001')).toBe('MOBILE_FORMAT');
    expect(codeOf('1380013800a')).toBe('MOBILE_FORMAT');
    expect(codeOf('+1 13800138000')).toBe('MOBILE_FORMAT');
  });

  it('property: any valid mobile, decorated with separators and a prefix, normalises back', () => {
    const decorated = fc
      .tuple(
        mobileArb,
        fc.constantFrom('', '+86', '+86 ', '0086', '86', '(+86) '),
        fc.array(fc.constantFrom('', '', ' ', '-'), { minLength: 11, maxLength: 11 }),
      )
      .map(([mobile, prefix, seps]) => ({
        mobile,
        typed: prefix + [...mobile].map((d, i) => d + (seps[i] ?? '')).join(''),
      }));
    fc.assert(
      fc.property(decorated, ({ mobile, typed }) => {
        expect(codeOf(typed)).toBe(mobile);
      }),
      RUNS,
    );
  });

  it('property: 11 digits not starting 1[3-9] are rejected', () => {
    fc.assert(
      fc.property(digitsArb(11), (digits) => {
        fc.pre(!/^1[3-9]/.test(digits));
        // A leading 0086 is read as the country code, leaving too few digits.
        expect(codeOf(digits)).toBe(digits.startsWith('0086') ? 'MOBILE_FORMAT' : 'MOBILE_PREFIX');
      }),
      RUNS,
    );
  });

  it('property: other digit counts are rejected', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).filter((n) => n !== 11 && n !== 13),
        fc.nat(),
        (n, seed) => {
          const digits = `1${String(seed).padStart(20, '7')}`.slice(0, n);
          expect(codeOf(digits)).toBe('MOBILE_FORMAT');
        },
      ),
      RUNS,
    );
  });
});
