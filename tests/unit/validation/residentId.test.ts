import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parsePermanentResidenceCard,
  parseResidentId,
  residentIdCheckChar,
} from '../../../shared/validation/index.ts';
import {
  NOW,
  RUNS,
  birthDateArb,
  decorate,
  digitsArb,
  oneCharChangeArb,
  permanentResidenceCardArb,
  residentIdArb,
} from './arbitraries.ts';

const parse = (input: string) => parseResidentId(input, { now: NOW });
const codeOf = (input: string) => {
  const result = parse(input);
  return result.ok ? 'OK' : result.error.code;
};

describe('parseResidentId — DOMAIN.md examples', () => {
  it('accepts 110105199003071239 (male, 1990-03-07)', () => {
    expect(parse('110105199003071239')).toEqual({
      ok: true,
      value: {
        idNumber: '110105199003071239',
        areaCode: '110105',
        provinceCode: '11',
        birthDate: '1990-03-07',
        birthDateCompact: '19900307',
        sex: 'male',
      },
    });
  });

  it('accepts 440305200002294564 (29 Feb 2000: a leap year divisible by 400; female)', () => {
    const result = parse('440305200002294564');
    expect(result.ok && result.value).toMatchObject({ birthDate: '2000-02-29', sex: 'female' });
  });

  it('accepts 32010619990101002X with the X check char', () => {
    expect(parse('32010619990101002X').ok).toBe(true);
  });

  it('accepts a lower-case x and normalises it to X', () => {
    const result = parse('32010619990101002x');
    expect(result.ok && result.value.idNumber).toBe('32010619990101002X');
  });

  it('rejects 110105199003071230: wrong check char', () => {
    expect(codeOf('110105199003071230')).toBe('ID_CHECKSUM');
  });

  it('rejects 110105199002301235: 30 February', () => {
    expect(codeOf('110105199002301235')).toBe('ID_DATE');
  });

  it('rejects 990105199003071234: province 99', () => {
    expect(codeOf('990105199003071234')).toBe('ID_PROVINCE');
  });

  it('rejects 110105190002291239: 1900 is not a leap year', () => {
    expect(codeOf('110105190002291239')).toBe('ID_DATE');
  });
});

describe('parseResidentId — rules', () => {
  it('gives a Chinese message and an English twin for every error', () => {
    const result = parse('110105199003071230');
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'ID_CHECKSUM',
        message: '身份证号码校验位错误',
        messageEn: 'The check character of the ID number is wrong',
      },
    });
  });

  it('uses distinct codes for empty, length, format, province, date, range and checksum', () => {
    expect(codeOf('')).toBe('ID_EMPTY');
    expect(codeOf('   ')).toBe('ID_EMPTY');
    expect(codeOf('11010519900307123')).toBe('ID_LENGTH');
    expect(codeOf('1101051990030712399')).toBe('ID_LENGTH');
    expect(codeOf('11010519900307123A')).toBe('ID_FORMAT');
    expect(codeOf('1101051990030712X9')).toBe('ID_FORMAT');
    expect(codeOf('000105199003071239')).toBe('ID_PROVINCE');
    expect(codeOf('110105199013071239')).toBe('ID_DATE');
    expect(codeOf('110105199003001239')).toBe('ID_DATE');
  });

  it('explains that 15-digit first-generation numbers are no longer used', () => {
    const result = parse('110105900307123');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('ID_LENGTH');
      expect(result.error.message).toContain('15位');
    }
  });

  it('accepts the residence-permit prefixes 81, 82, 83 and Taiwan 71', () => {
    for (const prefix of ['810000', '820000', '830000', '710000']) {
      const first17 = `${prefix}19900307123`;
      expect(codeOf(first17 + residentIdCheckChar(first17))).toBe('OK');
    }
  });

  it('does not reject abolished county codes (only the province is checked)', () => {
    // 370983 (肥城市 under 泰安) and 110103 (old 崇文区, merged 2010) are no longer current.
    for (const area of ['110103', '370983', '140199']) {
      const first17 = `${area}19800101001`;
      expect(codeOf(first17 + residentIdCheckChar(first17))).toBe('OK');
    }
  });

  it('rejects birth dates before 1900 and after today (China time)', () => {
    const withDate = (date: string) => {
      const first17 = `110105${date}123`;
      return first17 + residentIdCheckChar(first17);
    };
    expect(codeOf(withDate('18991231'))).toBe('ID_DATE_RANGE');
    expect(codeOf(withDate('19000101'))).toBe('OK');
    expect(codeOf(withDate('20260601'))).toBe('OK');
    expect(codeOf(withDate('20260602'))).toBe('ID_DATE_RANGE');
    // 2026-06-01 16:30 UTC is already 2 June in China.
    const lateEvening = new Date('2026-06-01T16:30:00Z');
    expect(parseResidentId(withDate('20260602'), { now: lateEvening }).ok).toBe(true);
  });

  it('normalises spaces, dashes and full-width digits', () => {
    const result = parse(' １１０１０５ 1990-0307-123９ ');
    expect(result.ok && result.value.idNumber).toBe('110105199003071239');
  });

  it('tells the clerk when a permanent residence card number was typed as an ID', () => {
    const first17 = '93184019900307123';
    expect(codeOf(first17 + residentIdCheckChar(first17))).toBe('ID_IS_PERMANENT_RESIDENCE_CARD');
  });

  it('residentIdCheckChar throws RangeError on anything but 17 digits', () => {
    expect(residentIdCheckChar('11010519900307123')).toBe('9');
    expect(() => residentIdCheckChar('1101051990030712')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051990030712A')).toThrow(RangeError);
  });
});

describe('parseResidentId — properties', () => {
  it('accepts every number built from a valid province, a real date and its check char; birth date and sex round-trip', () => {
    fc.assert(
      fc.property(residentIdArb, ({ id, areaCode, birthDateCompact, sequence }) => {
        const result = parse(id);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value.idNumber).toBe(id);
        expect(result.value.areaCode).toBe(areaCode);
        expect(result.value.provinceCode).toBe(areaCode.slice(0, 2));
        expect(result.value.birthDateCompact).toBe(birthDateCompact);
        expect(result.value.birthDate.replaceAll('-', '')).toBe(birthDateCompact);
        expect(result.value.sex).toBe(Number(sequence[2]) % 2 === 1 ? 'male' : 'female');
      }),
      RUNS,
    );
  });

  it('rejects every single-character change (ISO 7064 MOD 11-2 detects all of them)', () => {
    fc.assert(
      fc.property(
        residentIdArb.chain(({ id }) =>
          oneCharChangeArb(id, (p) => (p === 17 ? '0123456789X' : '0123456789')),
        ),
        ({ changed }) => {
          expect(parse(changed).ok).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('rejects every swap of two different adjacent digits in the first 17', () => {
    fc.assert(
      fc.property(residentIdArb, fc.integer({ min: 0, max: 15 }), ({ id }, i) => {
        fc.pre(id[i] !== id[i + 1]);
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        expect(parse(swapped).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('is unaffected by separators, case and surrounding spaces', () => {
    fc.assert(
      fc.property(
        residentIdArb.chain(({ id }) => decorate(id).map((typed) => ({ id, typed }))),
        ({ id, typed }) => {
          const result = parse(typed);
          expect(result.ok && result.value.idNumber).toBe(id);
        },
      ),
      RUNS,
    );
  });

  it('rejects impossible calendar dates with ID_DATE', () => {
    const impossible = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1900, max: 2025 }), fc.constantFrom('00', '13', '19', '99'))
        .map(([y, m]) => `${y}${m}01`),
      fc.integer({ min: 1900, max: 2025 }).map((y) => `${y}0230`),
      fc.integer({ min: 1900, max: 2025 }).map((y) => `${y}0431`),
      fc.integer({ min: 1900, max: 2025 }).map((y) => `${y}0100`),
      fc
        .integer({ min: 1900, max: 2025 })
        .filter((y) => !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0))
        .map((y) => `${y}0229`),
    );
    fc.assert(
      fc.property(impossible, digitsArb(3), (date, sequence) => {
        const first17 = `140105${date}${sequence}`;
        expect(codeOf(first17 + residentIdCheckChar(first17))).toBe('ID_DATE');
      }),
      RUNS,
    );
  });

  it('rejects real dates in the future with ID_DATE_RANGE', () => {
    const future = fc
      .integer({ min: 1, max: 20_000 })
      .map((days) => new Date(Date.UTC(2026, 5, 1) + days * 86_400_000))
      .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
    fc.assert(
      fc.property(future, (date) => {
        const first17 = `140105${date}001`;
        expect(codeOf(first17 + residentIdCheckChar(first17))).toBe('ID_DATE_RANGE');
      }),
      RUNS,
    );
  });

  it('never throws and always answers with a known code, whatever the input', () => {
    const known = new Set([
      'OK',
      'ID_EMPTY',
      'ID_LENGTH',
      'ID_FORMAT',
      'ID_PROVINCE',
      'ID_DATE',
      'ID_DATE_RANGE',
      'ID_CHECKSUM',
      'ID_IS_PERMANENT_RESIDENCE_CARD',
    ]);
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
    const inputs = fc.oneof(
      fc.string({ unit: anyCodeUnit, maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...'0123456789Xx -'), maxLength: 22 }),
      digitsArb(17).map((d) => d + residentIdCheckChar(d)),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        expect(known.has(codeOf(input))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('parsePermanentResidenceCard (2023 edition)', () => {
  it('accepts a card number and extracts province, nationality and birth date', () => {
    const first17 = '93184019900307123';
    const card = first17 + residentIdCheckChar(first17);
    expect(parsePermanentResidenceCard(card, { now: NOW })).toEqual({
      ok: true,
      value: {
        cardNumber: card,
        provinceCode: '31',
        nationalityCode: '840',
        birthDate: '1990-03-07',
        birthDateCompact: '19900307',
      },
    });
  });

  it('is a separate document type: resident ID numbers are not cards', () => {
    const result = parsePermanentResidenceCard('110105199003071239', { now: NOW });
    expect(!result.ok && result.error.code).toBe('PR_CARD_FORMAT');
  });

  it('has its own codes', () => {
    const code = (s: string) => {
      const r = parsePermanentResidenceCard(s, { now: NOW });
      return r.ok ? 'OK' : r.error.code;
    };
    const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
    expect(code('')).toBe('PR_CARD_EMPTY');
    expect(code('9318401990')).toBe('PR_CARD_LENGTH');
    expect(code('93184019900307123A')).toBe('PR_CARD_FORMAT');
    expect(code(withCheck('98184019900307123'))).toBe('PR_CARD_PROVINCE');
    expect(code(withCheck('93184019900230123'))).toBe('PR_CARD_DATE');
    expect(code(withCheck('93184018991231123'))).toBe('PR_CARD_DATE_RANGE');
    expect(code('931840199003071230')).toBe('PR_CARD_CHECKSUM');
  });

  it('property: generated cards are accepted and rejected by parseResidentId as the wrong type', () => {
    fc.assert(
      fc.property(
        permanentResidenceCardArb,
        ({ card, province, nationality, birthDateCompact }) => {
          const result = parsePermanentResidenceCard(card, { now: NOW });
          expect(result.ok && result.value).toMatchObject({
            cardNumber: card,
            provinceCode: province,
            nationalityCode: nationality,
            birthDateCompact,
          });
          expect(codeOf(card)).toBe('ID_IS_PERMANENT_RESIDENCE_CARD');
        },
      ),
      RUNS,
    );
  });

  it('property: every single-character change is rejected', () => {
    fc.assert(
      fc.property(
        permanentResidenceCardArb.chain(({ card }) =>
          oneCharChangeArb(card, (p) => (p === 17 ? '0123456789X' : '0123456789')),
        ),
        ({ changed }) => {
          expect(parsePermanentResidenceCard(changed, { now: NOW }).ok).toBe(false);
        },
      ),
      RUNS,
    );
  });
});

describe('birthDateArb sanity', () => {
  it('only produces real dates', () => {
    fc.assert(
      fc.property(birthDateArb, (d) => {
        expect(
          new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T00:00:00Z`)
            .toISOString()
            .slice(0, 10)
            .replaceAll('-', ''),
        ).toBe(d);
      }),
      RUNS,
    );
  });
});
