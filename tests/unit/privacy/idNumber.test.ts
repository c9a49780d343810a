import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../../shared/privacy/index.ts';
import { residentIdCheckChar } from '../../../shared/validation/index.ts';
import { RUNS, codeUnitArb, isWellFormed } from './arbitraries.ts';

describe('maskIdNumber — examples', () => {
  it.each([
    ['110105199003071239', '110105********1239'],
    ['32010619990101002x', '320106********002X'],
    [' 110105 19900307 1239 ', '110105********1239'],
    ['110105900307123', '110105*****7123'],
    ['E12345678', 'E1*****78'],
    ['123', '***'],
    ['', ''],
  ])('%s → %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });
});

describe('maskIdNumber — properties', () => {
  it('an 18-char ID keeps first 6 + last 4; the birth date never shows', () => {
    const idArb = fc
      .string({ unit: fc.constantFrom(...'0123456789'), minLength: 17, maxLength: 17 })
      .map((first17) => first17 + residentIdCheckChar(first17));
    fc.assert(
      fc.property(idArb, (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
        expect(masked).not.toContain(id.slice(6, 14));
      }),
      RUNS,
    );
  });

  it('any input: same length in code points, at least half hidden below 15 chars, well-formed', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(codeUnitArb, fc.constantFrom('A', '1', '𠮷')), maxLength: 24 }),
        (id) => {
          const masked = maskIdNumber(id);
          expect(isWellFormed(masked)).toBe(true);
          const chars = Array.from(masked);
          const hidden = chars.filter((c) => c === '*').length;
          if (chars.length < 15) expect(hidden * 2).toBeGreaterThanOrEqual(chars.length);
          else expect(hidden).toBe(chars.length - 10);
        },
      ),
      RUNS,
    );
  });
});
