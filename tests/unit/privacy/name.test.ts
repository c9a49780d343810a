import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskName } from '../../../shared/privacy/index.ts';
import {
  RUNS,
  codeUnitArb,
  graphemeCount,
  ideographArb,
  isWellFormed,
  toWellFormed,
} from './arbitraries.ts';

describe('maskName — examples', () => {
  it.each([
    ['张三', '张*'],
    ['王𠮷', '王*'],
    ['欧阳娜娜', '欧***'],
    ['王小明', '王**'],
    ['䶮', '*'],
    ['李', '*'],
    ['𠮷', '*'],
    ['𠮷野家', '𠮷**'],
    ['  张三 ', '张*'],
    ['', ''],
    ['   ', ''],
    ['阿依古丽·买买提', '阿*******'],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('keeps an ideographic variation sequence together with its base character', () => {
    // 葛 + VS17 (U+E0100) is one character to a reader: one `*` for 西, nothing split.
    expect(maskName('葛\u{E0100}西')).toBe('葛\u{E0100}*');
    expect(maskName('西葛\u{E0100}')).toBe('西*');
  });
});

describe('maskName — properties', () => {
  it('keeps only the surname and hides every given-name character, one * each', () => {
    fc.assert(
      fc.property(fc.array(ideographArb, { minLength: 1, maxLength: 6 }), (chars) => {
        const masked = maskName(chars.join(''));
        const [surname = '', ...given] = chars;
        if (chars.length === 1) {
          expect(masked).toBe('*');
          return;
        }
        expect(masked).toBe(surname + '*'.repeat(given.length));
        const shown = Array.from(masked).slice(1);
        for (const g of given) expect(shown).not.toContain(g);
        expect(isWellFormed(masked)).toBe(true);
      }),
      RUNS,
    );
  });

  it('never splits a surrogate pair and never shows more than one character, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: codeUnitArb, maxLength: 12 }),
          fc.string({ unit: 'grapheme', maxLength: 8 }),
          fc.string({ unit: 'binary', maxLength: 8 }),
        ),
        (name) => {
          const masked = maskName(name);
          expect(isWellFormed(masked)).toBe(true);
          const stars = masked.match(/\*+$/)?.[0] ?? '';
          const head = masked.slice(0, masked.length - stars.length);
          // At most the first user-perceived character survives, unchanged.
          expect(toWellFormed(name.trim()).startsWith(head)).toBe(true);
          expect(graphemeCount(head)).toBeLessThanOrEqual(1);
          if (name.trim() !== '') expect(stars.length).toBeGreaterThanOrEqual(1);
        },
      ),
      RUNS,
    );
  });
});
