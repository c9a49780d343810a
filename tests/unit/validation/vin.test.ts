import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVin, vinCheckDigit } from '../../../shared/validation/index.ts';
import { RUNS, VIN_CHARS, decorate, oneCharChangeArb, vinArb } from './arbitraries.ts';

const codeOf = (input: string) => {
  const result = parseVin(input);
  return result.ok ? 'OK' : result.error.code;
};

// ISO 3779 transliteration, written out independently of the implementation.
const valueOf = (c: string): number =>
  /\d/.test(c)
    ? Number(c)
    : ({
        A: 1,
        B: 2,
        C: 3,
        D: 4,
        E: 5,
        F: 6,
        G: 7,
        H: 8,
        J: 1,
        K: 2,
        L: 3,
        M: 4,
        N: 5,
        P: 7,
        R: 9,
        S: 2,
        T: 3,
        U: 4,
        V: 5,
        W: 6,
        X: 7,
        Y: 8,
        Z: 9,
      }[c] ?? -1);

describe('parseVin — DOMAIN.md examples', () => {
  it('accepts 1M8GDM9AXKP042788 and LJCPCBLCX11000237', () => {
    expect(parseVin('1M8GDM9AXKP042788')).toEqual({
      ok: true,
      value: { vin: '1M8GDM9AXKP042788', checkDigit: 'X' },
    });
    expect(codeOf('LJCPCBLCX11000237')).toBe('OK');
  });

  it('rejects 1M8GDM9A1KP042788: wrong check digit', () => {
    expect(codeOf('1M8GDM9A1KP042788')).toBe('VIN_CHECKSUM');
  });
});

describe('parseVin — rules', () => {
  it('normalises case and separators', () => {
    expect(parseVin(' ljcpcblcx1-1000237 ')).toMatchObject({
      value: { vin: 'LJCPCBLCX11000237' },
    });
  });

  it('rejects I, O and Q with a hint, and other shapes with their own codes', () => {
    expect(codeOf('')).toBe('VIN_EMPTY');
    expect(codeOf('1M8GDM9AXKP04278')).toBe('VIN_LENGTH');
    expect(codeOf('1M8GDM9AXKP0427888')).toBe('VIN_LENGTH');
    expect(codeOf('1M8GDM9AXKPO42788')).toBe('VIN_CHAR');
    expect(codeOf('IM8GDM9AXKP042788')).toBe('VIN_CHAR');
    expect(codeOf('1M8GDM9AXKP04278Q')).toBe('VIN_CHAR');
    expect(codeOf('1M8GDM9AXKP04278_')).toBe('VIN_FORMAT');
  });

  it('vinCheckDigit ignores position 9 and throws RangeError on malformed input', () => {
    expect(vinCheckDigit('1M8GDM9A0KP042788')).toBe('X');
    expect(vinCheckDigit('LJCPCBLC511000237')).toBe('X');
    expect(() => vinCheckDigit('1M8GDM9AXKP04278')).toThrow(RangeError);
    expect(() => vinCheckDigit('1M8GDM9AXKP04278O')).toThrow(RangeError);
  });

  it('cannot see a swap between characters of equal value (A/J/1): a limit of ISO 3779', () => {
    // Documented so nobody relies on the check digit for more than it gives.
    expect(codeOf('1M8GDM9AXKP042788'.replace('P', '7'))).toBe('OK');
  });
});

describe('parseVin — properties', () => {
  it('accepts every VIN built with vinCheckDigit, however it is typed', () => {
    fc.assert(
      fc.property(
        vinArb.chain((vin) => decorate(vin).map((typed) => ({ vin, typed }))),
        ({ vin, typed }) => {
          expect(parseVin(typed)).toEqual({ ok: true, value: { vin, checkDigit: vin.charAt(8) } });
        },
      ),
      RUNS,
    );
  });

  it('rejects every single-character change that changes the transliterated value', () => {
    fc.assert(
      fc.property(
        vinArb.chain((vin) =>
          oneCharChangeArb(vin, (p) => (p === 8 ? '0123456789X' : VIN_CHARS)).map((change) => ({
            vin,
            ...change,
          })),
        ),
        ({ vin, changed, position, replacement }) => {
          fc.pre(position === 8 || valueOf(replacement) !== valueOf(vin.charAt(position)));
          expect(codeOf(changed)).toBe('VIN_CHECKSUM');
        },
      ),
      RUNS,
    );
  });

  it('rejects every VIN containing I, O or Q', () => {
    fc.assert(
      fc.property(
        vinArb,
        fc.integer({ min: 0, max: 16 }),
        fc.constantFrom('I', 'O', 'Q'),
        (vin, i, c) => {
          expect(codeOf(vin.slice(0, i) + c + vin.slice(i + 1))).toBe('VIN_CHAR');
        },
      ),
      RUNS,
    );
  });
});
