// fast-check generators for valid identifiers, built with the production check-digit
// helpers so the properties test the parsers against independent construction rules.

import fc from 'fast-check';
import {
  MAINLAND_PROVINCE_CODES,
  PLATE_PROVINCE_CHARS,
  RESIDENT_ID_PROVINCE_CODES,
  residentIdCheckChar,
  s10CheckDigit,
  vinCheckDigit,
  type PlateKind,
} from '../../../shared/validation/index.ts';

/** A fixed "today" so properties are reproducible: 2026-06-01 in China. */
export const NOW = new Date('2026-06-01T00:00:00+08:00');
export const NOW_COMPACT = '20260601';

export const RUNS = { numRuns: 1000 } as const;

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1900, 0, 1);
const LAST_DAY = Math.round((Date.UTC(2026, 5, 1) - EPOCH_1900) / DAY_MS);

export const compactOf = (utcMs: number): string => {
  const d = new Date(utcMs);
  return (
    String(d.getUTCFullYear()).padStart(4, '0') +
    String(d.getUTCMonth() + 1).padStart(2, '0') +
    String(d.getUTCDate()).padStart(2, '0')
  );
};

/** A real birth date between 1900-01-01 and NOW, as YYYYMMDD. */
export const birthDateArb = fc
  .integer({ min: 0, max: LAST_DAY })
  .map((days) => compactOf(EPOCH_1900 + days * DAY_MS));

export const digitsArb = (length: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

export interface IdParts {
  readonly id: string;
  readonly areaCode: string;
  readonly birthDateCompact: string;
  readonly sequence: string;
}

export const residentIdArb: fc.Arbitrary<IdParts> = fc
  .tuple(fc.constantFrom(...RESIDENT_ID_PROVINCE_CODES), digitsArb(4), birthDateArb, digitsArb(3))
  .map(([province, rest, birthDateCompact, sequence]) => {
    const first17 = province + rest + birthDateCompact + sequence;
    return {
      id: first17 + residentIdCheckChar(first17),
      areaCode: province + rest,
      birthDateCompact,
      sequence,
    };
  });

export const permanentResidenceCardArb = fc
  .tuple(fc.constantFrom(...MAINLAND_PROVINCE_CODES), digitsArb(3), birthDateArb, digitsArb(3))
  .map(([province, nationality, birthDateCompact, sequence]) => {
    const first17 = `9${province}${nationality}${birthDateCompact}${sequence}`;
    return {
      card: first17 + residentIdCheckChar(first17),
      province,
      nationality,
      birthDateCompact,
    };
  });

/** One position of `value` replaced by a different char from `alphabet(position)`. */
export const oneCharChangeArb = (
  value: string,
  alphabet: (position: number) => string,
): fc.Arbitrary<{ changed: string; position: number; replacement: string }> =>
  fc.integer({ min: 0, max: value.length - 1 }).chain((position) =>
    fc
      .constantFrom(...[...alphabet(position)].filter((c) => c !== value[position]))
      .map((replacement) => ({
        changed: value.slice(0, position) + replacement + value.slice(position + 1),
        position,
        replacement,
      })),
  );

// --- plates ---------------------------------------------------------------

const SERIAL_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const ISSUER_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const charOf = (alphabet: string) => fc.constantFrom(...alphabet);
const join = (parts: fc.Arbitrary<string>[]) => fc.tuple(...parts).map((p) => p.join(''));
const serial = (n: number) => join(Array.from({ length: n }, () => charOf(SERIAL_CHARS)));
const province = charOf(PLATE_PROVINCE_CHARS);
const issuer = charOf(ISSUER_LETTERS);

export const plateArbs: Readonly<Record<PlateKind, fc.Arbitrary<string>>> = {
  ordinary: join([province, issuer, serial(5)]),
  new_energy_small: join([province, issuer, charOf('DABCEFGHJK'), serial(1), digitsArb(4)]),
  new_energy_large: join([province, issuer, digitsArb(5), charOf('DF')]),
  coach: join([province, issuer, serial(4), fc.constant('学')]),
  trailer: join([province, issuer, serial(4), fc.constant('挂')]),
  hk: join([fc.constant('粤Z'), serial(4), fc.constant('港')]),
  macau: join([fc.constant('粤Z'), serial(4), fc.constant('澳')]),
  consulate: join([province, issuer, serial(4), fc.constant('领')]),
  test: join([province, issuer, serial(4), fc.constant('试')]),
  super: join([province, issuer, serial(4), fc.constant('超')]),
  police: join([province, charOf(`${ISSUER_LETTERS}O`), serial(4), fc.constant('警')]),
  embassy: join([fc.constant('使'), digitsArb(6)]),
  emergency: join([province, charOf('XS'), digitsArb(4), fc.constant('应急')]),
};

/** Inserts separators a clerk might type (spaces, `·`, `-`) and lower-cases letters at random. */
export const decorate = (value: string): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom('', '', '', ' ', '·', '-', '　'), {
      minLength: value.length + 1,
      maxLength: value.length + 1,
    })
    .chain((seps) =>
      fc
        .array(fc.boolean(), { minLength: value.length, maxLength: value.length })
        .map(
          (lower) =>
            [...value]
              .map((c, i) => (seps[i] ?? '') + (lower[i] === true ? c.toLowerCase() : c))
              .join('') + (seps[value.length] ?? ''),
        ),
    );

// --- VIN and waybill ------------------------------------------------------

export const VIN_CHARS = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

export const vinArb = fc
  .string({ unit: charOf(VIN_CHARS), minLength: 17, maxLength: 17 })
  .map((raw) => raw.slice(0, 8) + vinCheckDigit(raw) + raw.slice(9));

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export const s10Arb = fc
  .tuple(join([charOf(UPPER), charOf(UPPER)]), digitsArb(8), join([charOf(UPPER), charOf(UPPER)]))
  .map(([service, serial8, country]) => ({
    waybillNo: service + serial8 + s10CheckDigit(serial8) + country,
    service,
    serial8,
    country,
  }));

export const mobileArb = join([fc.constant('1'), charOf('3456789'), digitsArb(9)]);
