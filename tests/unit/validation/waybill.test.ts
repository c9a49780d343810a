import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWaybillNumber, s10CheckDigit } from '../../../shared/validation/index.ts';
import { RUNS, decorate, digitsArb, oneCharChangeArb, s10Arb } from './arbitraries.ts';

const codeOf = (input: string) => {
  const result = parseWaybillNumber(input);
  return result.ok ? result.value.form : result.error.code;
};

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];
const s10Remainder = (serial8: string) =>
  [...serial8].reduce((sum, d, i) => sum + Number(d) * (S10_WEIGHTS[i] ?? 0), 0) % 11;

describe('parseWaybillNumber — DOMAIN.md examples', () => {
  it.each(['EA123456785CN', 'EA000000080CN', 'EA000000155CN'])('accepts %s', (no) => {
    expect(codeOf(no)).toBe('s10');
  });

  it('splits an S10 number into its parts', () => {
    expect(parseWaybillNumber('EA123456785CN')).toEqual({
      ok: true,
      value: {
        waybillNo: 'EA123456785CN',
        form: 's10',
        serviceIndicator: 'EA',
        serial: '12345678',
        checkDigit: '5',
        countryCode: 'CN',
      },
    });
  });

  it('rejects EA123456784CN: wrong check digit', () => {
    expect(codeOf('EA123456784CN')).toBe('WAYBILL_CHECKSUM');
  });

  it('accepts 13-digit domestic EMS numbers on shape alone', () => {
    expect(parseWaybillNumber('1234567890123')).toEqual({
      ok: true,
      value: { waybillNo: '1234567890123', form: 'domestic13' },
    });
  });
});

describe('parseWaybillNumber — rules', () => {
  it('s10CheckDigit maps 10 → 0 and 11 → 5', () => {
    expect(s10CheckDigit('00000008')).toBe('0'); // S = 56, 56 mod 11 = 1, 11 − 1 = 10 → 0
    expect(s10CheckDigit('00000015')).toBe('5'); // S = 44, 44 mod 11 = 0, 11 − 0 = 11 → 5
    expect(s10CheckDigit('12345678')).toBe('5');
    expect(() => s10CheckDigit('1234567')).toThrow(RangeError);
  });

  it('normalises case and spaces', () => {
    expect(parseWaybillNumber(' ea 123 456 785 cn ')).toMatchObject({
      value: { waybillNo: 'EA123456785CN' },
    });
  });

  it('rejects other shapes', () => {
    expect(codeOf('')).toBe('WAYBILL_EMPTY');
    expect(codeOf('EA12345678CN')).toBe('WAYBILL_FORMAT');
    expect(codeOf('E1123456785CN')).toBe('WAYBILL_FORMAT');
    expect(codeOf('123456789012')).toBe('WAYBILL_FORMAT');
    expect(codeOf('12345678901234')).toBe('WAYBILL_FORMAT');
  });

  it('S10 maps remainders 0 and 6 to the same check digit 5, so a few single-digit errors pass', () => {
    // A property of the UPU S10 algorithm itself, not of this code: both are valid.
    expect(codeOf('EA000000155CN')).toBe('s10');
    expect(codeOf('EA000000195CN')).toBe('s10');
  });
});

describe('parseWaybillNumber — properties', () => {
  it('accepts every S10 number built with s10CheckDigit, however it is typed', () => {
    fc.assert(
      fc.property(
        s10Arb.chain((s10) => decorate(s10.waybillNo).map((typed) => ({ ...s10, typed }))),
        ({ waybillNo, service, serial8, country, typed }) => {
          expect(parseWaybillNumber(typed)).toMatchObject({
            ok: true,
            value: {
              waybillNo,
              form: 's10',
              serviceIndicator: service,
              serial: serial8,
              countryCode: country,
            },
          });
        },
      ),
      RUNS,
    );
  });

  it('rejects every change of the check digit', () => {
    fc.assert(
      fc.property(
        s10Arb.chain(({ waybillNo }) =>
          oneCharChangeArb(waybillNo, () => '0123456789').filter(({ position }) => position === 10),
        ),
        ({ changed }) => {
          expect(codeOf(changed)).toBe('WAYBILL_CHECKSUM');
        },
      ),
      RUNS,
    );
  });

  it('rejects every single-digit change of the serial, except the S10 blind spot (remainder 0 ↔ 6)', () => {
    fc.assert(
      fc.property(
        s10Arb.chain((s10) =>
          fc
            .integer({ min: 2, max: 9 })
            .chain((position) =>
              oneCharChangeArb(s10.waybillNo, () => '0123456789').filter(
                (c) => c.position === position,
              ),
            )
            .map((change) => ({ ...s10, ...change })),
        ),
        ({ serial8, changed }) => {
          const before = s10Remainder(serial8);
          const after = s10Remainder(changed.slice(2, 10));
          const blindSpot = (before === 0 && after === 6) || (before === 6 && after === 0);
          expect(codeOf(changed)).toBe(blindSpot ? 's10' : 'WAYBILL_CHECKSUM');
        },
      ),
      RUNS,
    );
  });

  it('accepts any 13 digits as a domestic number', () => {
    fc.assert(
      fc.property(digitsArb(13), (no) => {
        expect(codeOf(no)).toBe('domestic13');
      }),
      RUNS,
    );
  });
});
