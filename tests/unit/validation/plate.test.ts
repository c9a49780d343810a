import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PLATE_KINDS,
  isTemporaryPlateCandidate,
  parsePlate,
  type PlateKind,
} from '../../../shared/validation/index.ts';
import { RUNS, decorate, plateArbs } from './arbitraries.ts';

const codeOf = (input: string) => {
  const result = parsePlate(input);
  return result.ok ? result.value.kind : result.error.code;
};

describe('parsePlate — DOMAIN.md examples', () => {
  it.each([
    ['京A12345', 'ordinary'],
    ['沪AD12345', 'new_energy_small'],
    ['苏E12345D', 'new_energy_large'],
    ['京A1234学', 'coach'],
    ['浙O1234警', 'police'],
    ['使224001', 'embassy'],
  ] satisfies [string, PlateKind][])('accepts %s as %s', (plate, kind) => {
    expect(parsePlate(plate)).toMatchObject({ ok: true, value: { plate, kind } });
  });

  it.each([
    ['京AI2345', 'PLATE_SERIAL_CHAR'],
    ['京O12345', 'PLATE_ISSUER'],
    ['京A1234', 'PLATE_FORMAT'],
    ['苏A12345DD', 'PLATE_FORMAT'],
  ])('rejects %s with %s', (plate, code) => {
    expect(codeOf(plate)).toBe(code);
  });
});

describe('parsePlate — rules', () => {
  it('normalises spaces, middle dots, dashes, case and full-width letters', () => {
    for (const typed of [
      '京A·12345',
      ' 京a 12345 ',
      '京-A-12345',
      '京Ａ１２３４５',
      '京A・12345',
    ]) {
      expect(parsePlate(typed)).toMatchObject({ ok: true, value: { plate: '京A12345' } });
    }
  });

  it('recognises every special kind', () => {
    expect(codeOf('粤Z1234港')).toBe('hk');
    expect(codeOf('粤Z1234澳')).toBe('macau');
    expect(codeOf('晋A1234挂')).toBe('trailer');
    expect(codeOf('沪A1234领')).toBe('consulate');
    expect(codeOf('晋A1234试')).toBe('test');
    expect(codeOf('晋A1234超')).toBe('super');
    expect(codeOf('晋X1234应急')).toBe('emergency');
    expect(codeOf('京S0518应急')).toBe('emergency');
  });

  it('tells battery-electric from other new-energy vehicles, incl. the expanded letters', () => {
    expect(parsePlate('沪AD12345')).toMatchObject({ value: { newEnergy: 'battery_electric' } });
    expect(parsePlate('沪AA12345')).toMatchObject({ value: { newEnergy: 'battery_electric' } });
    expect(parsePlate('沪AF12345')).toMatchObject({ value: { newEnergy: 'other' } });
    expect(parsePlate('沪AK1A234')).toMatchObject({ ok: false });
    expect(parsePlate('苏E12345F')).toMatchObject({ value: { newEnergy: 'other' } });
    expect(codeOf('沪AL12345')).toBe('PLATE_FORMAT');
  });

  it('issues 港/澳 plates only as 粤Z', () => {
    expect(codeOf('粤B1234港')).toBe('PLATE_FORMAT');
    expect(codeOf('京Z1234澳')).toBe('PLATE_FORMAT');
  });

  it('rejects other shapes with specific codes', () => {
    expect(codeOf('')).toBe('PLATE_EMPTY');
    expect(codeOf('A12345')).toBe('PLATE_PROVINCE');
    expect(codeOf('港A12345')).toBe('PLATE_PROVINCE');
    expect(codeOf('京112345')).toBe('PLATE_ISSUER');
    expect(codeOf('京I12345')).toBe('PLATE_ISSUER');
    expect(codeOf('京A1234O')).toBe('PLATE_SERIAL_CHAR');
    expect(codeOf('使22400')).toBe('PLATE_FORMAT');
    expect(codeOf('京A1234应急')).toBe('PLATE_FORMAT');
    expect(codeOf('京X12A4应急')).toBe('PLATE_FORMAT');
    expect(codeOf('京A12345学')).toBe('PLATE_FORMAT');
  });
});

describe('parsePlate — properties', () => {
  for (const kind of PLATE_KINDS) {
    it(`generated ${kind} plates parse to ${kind}, however they are typed`, () => {
      fc.assert(
        fc.property(
          plateArbs[kind].chain((plate) => decorate(plate).map((typed) => ({ plate, typed }))),
          ({ plate, typed }) => {
            expect(parsePlate(typed)).toMatchObject({ ok: true, value: { plate, kind } });
            expect(isTemporaryPlateCandidate(typed)).toBe(false);
          },
        ),
        RUNS,
      );
    });
  }

  it('rejects any generated plate whose serial gets an I or O', () => {
    const withIO = fc
      .tuple(fc.constantFrom(...PLATE_KINDS.filter((k) => k !== 'embassy')), fc.nat())
      .chain(([kind, n]) =>
        plateArbs[kind].chain((plate) =>
          fc.constantFrom('I', 'O').map((letter) => {
            const serialIndices = [...plate]
              .map((c, i) => ({ c, i }))
              .filter(({ c, i }) => i >= 2 && /[0-9A-Z]/.test(c));
            const at = serialIndices[n % serialIndices.length]?.i ?? 2;
            return plate.slice(0, at) + letter + plate.slice(at + 1);
          }),
        ),
      );
    fc.assert(
      fc.property(withIO, (plate) => {
        expect(codeOf(plate)).toBe('PLATE_SERIAL_CHAR');
      }),
      RUNS,
    );
  });

  it('allows the issuer letter O only on police plates', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ...PLATE_KINDS.filter(
            (k) => !['police', 'embassy', 'hk', 'macau', 'emergency'].includes(k),
          ),
        ),
        fc.nat(),
        (kind, seed) => {
          const plate = fc.sample(plateArbs[kind], { numRuns: 1, seed })[0] ?? '';
          expect(codeOf(`${plate.charAt(0)}O${plate.slice(2)}`)).toBe('PLATE_ISSUER');
        },
      ),
      RUNS,
    );
  });

  it('never throws on arbitrary input', () => {
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
    fc.assert(
      fc.property(fc.string({ unit: anyCodeUnit, maxLength: 12 }), (input) => {
        expect(typeof parsePlate(input).ok).toBe('boolean');
        expect(typeof isTemporaryPlateCandidate(input)).toBe('boolean');
      }),
      RUNS,
    );
  });
});

describe('isTemporaryPlateCandidate', () => {
  it('flags plausible temporary plates for clerk confirmation', () => {
    expect(isTemporaryPlateCandidate('京A123456')).toBe(true);
    expect(isTemporaryPlateCandidate('临时 晋A12345')).toBe(true);
    expect(isTemporaryPlateCandidate('晋A·12345临')).toBe(true);
    expect(isTemporaryPlateCandidate('粤BX12345')).toBe(true);
  });

  it('does not flag valid plates, typos of ordinary plates or non-plates', () => {
    expect(isTemporaryPlateCandidate('京A12345')).toBe(false);
    expect(isTemporaryPlateCandidate('京AI2345')).toBe(false);
    expect(isTemporaryPlateCandidate('京A1234')).toBe(false);
    expect(isTemporaryPlateCandidate('苏A12345DD')).toBe(false);
    expect(isTemporaryPlateCandidate('ABC123456')).toBe(false);
    expect(isTemporaryPlateCandidate('')).toBe(false);
    expect(isTemporaryPlateCandidate('临时')).toBe(false);
  });
});
