import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone, phoneLast4 } from '../../../shared/privacy/index.ts';
import { RUNS } from './arbitraries.ts';

const digitsArb = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const mobileArb = fc
  .tuple(fc.constantFrom(...'3456789'), digitsArb(9, 9))
  .map(([second, rest]) => `1${second}${rest}`);

describe('maskPhone — examples', () => {
  it.each([
    ['13800138078', '138******78'],
    ['+86 138-0013-8078', '138******78'],
    ['0086 13800138078', '138******78'],
    ['0351-1234567', '035******67'],
    ['010-12345678', '010******78'],
    ['0351 12345678', '035*******78'],
    ['12345678', '******78'],
    ['1234567', '******7'],
    ['123456', '******'],
    ['95105', '*****'],
    ['', ''],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe('maskPhone — properties', () => {
  it('a mobile keeps its first 3 and last 2 digits; the 6 in between never appear', () => {
    fc.assert(
      fc.property(mobileArb, fc.constantFrom('', '+86 ', '86', '0086-'), (mobile, prefix) => {
        const masked = maskPhone(prefix + mobile);
        expect(masked).toBe(`${mobile.slice(0, 3)}******${mobile.slice(9)}`);
        expect(masked).not.toContain(mobile.slice(3, 9));
        expect(masked.match(/\d+/g)?.join('')).toBe(mobile.slice(0, 3) + mobile.slice(9));
      }),
      RUNS,
    );
  });

  it('any number: ≤3 leading and ≤2 trailing digits kept, ≥6 hidden (or all when shorter)', () => {
    fc.assert(
      fc.property(
        digitsArb(0, 20),
        fc.array(fc.constantFrom('', '', ' ', '-'), { maxLength: 20 }),
        (digits, seps) => {
          fc.pre(!digits.startsWith('86') && !digits.startsWith('0086'));
          const typed = [...digits].map((d, i) => d + (seps[i] ?? '')).join('');
          const masked = maskPhone(typed);
          expect(masked.length).toBe(digits.length);
          const lead = masked.match(/^\d*/)?.[0] ?? '';
          const trail = masked.match(/\d*$/)?.[0] ?? '';
          const stars = masked.length - lead.length - trail.length;
          expect(lead.length).toBeLessThanOrEqual(3);
          expect(trail.length).toBeLessThanOrEqual(2);
          expect(stars).toBeGreaterThanOrEqual(Math.min(6, digits.length));
          expect(masked.slice(lead.length, masked.length - trail.length)).toMatch(/^\**$/);
          expect(digits.startsWith(lead) && digits.endsWith(trail)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('phoneLast4', () => {
  it('gives the last 4 digits for search, ignoring separators and prefixes', () => {
    expect(phoneLast4('13800138078')).toBe('8078');
    expect(phoneLast4('+86 138-0013-8078')).toBe('8078');
    expect(phoneLast4('0351-1234567')).toBe('4567');
    expect(phoneLast4('123')).toBe('');
    expect(phoneLast4('')).toBe('');
  });

  it('property: equals the last 4 digits of any mobile', () => {
    fc.assert(
      fc.property(mobileArb, (mobile) => {
        expect(phoneLast4(`+86 ${mobile}`)).toBe(mobile.slice(-4));
      }),
      RUNS,
    );
  });
});
