import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countyOf, sortCodeFor, sortList } from '../../../shared/sorting/index.ts';
import { application } from './fixtures.ts';

describe('sortCodeFor', () => {
  it('sends a collected item to its police station', () => {
    const app = application({ n: 1, method: 'collect', collectPointCode: 'PS140105' });
    expect(sortCodeFor(app)).toEqual({ kind: 'station', code: 'PS140105' });
  });

  it('sends a mailed item to the county of its destination (township codes cut to the county)', () => {
    expect(sortCodeFor(application({ n: 2, divisionCode: '140105001' }))).toEqual({
      kind: 'county',
      code: '140105',
    });
    expect(sortCodeFor(application({ n: 3, divisionCode: '140702' }))).toEqual({
      kind: 'county',
      code: '140702',
    });
  });

  it('falls back to the recipient address, then to unsorted', () => {
    expect(
      sortCodeFor({
        delivery: { method: 'mail' },
        recipient: { address: { divisionCode: '140107100' } },
      }),
    ).toEqual({ kind: 'county', code: '140107' });
    expect(sortCodeFor({ delivery: { method: 'mail' } })).toEqual({ kind: 'unsorted', code: '' });
    expect(sortCodeFor({ delivery: { method: 'collect' } }).kind).toBe('unsorted');
    expect(countyOf('14')).toBeNull();
  });
});

describe('sortList', () => {
  it('groups by code ascending, unsorted last, items ordered by number, names resolved', () => {
    const groups = sortList(
      [
        { applicationId: 'a', acceptanceNo: 'A3', waybillNo: 'W3', sortCode: '140107' },
        { applicationId: 'b', acceptanceNo: 'A1', waybillNo: 'W1', sortCode: '140105' },
        { applicationId: 'c', acceptanceNo: 'A2' },
        { applicationId: 'd', acceptanceNo: 'A0', waybillNo: 'W0', sortCode: '140107' },
      ],
      (code) => (code === '140105' ? '小店区' : undefined),
    );
    expect(groups.map((g) => [g.sortCode, g.label, g.items.map((i) => i.applicationId)])).toEqual([
      ['140105', '小店区', ['b']],
      ['140107', '140107', ['d', 'a']],
      ['', '', ['c']],
    ]);
  });

  it('lists every item exactly once (property)', () => {
    const item = fc.record({
      applicationId: fc.uuid(),
      acceptanceNo: fc.string({ minLength: 1, maxLength: 8 }),
      sortCode: fc.option(fc.constantFrom('140105', '140106', 'PS1', ''), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), (items) => {
        const groups = sortList(items);
        const listed = groups.flatMap((g) => g.items);
        expect(listed).toHaveLength(items.length);
        expect(new Set(listed)).toEqual(new Set(items));
        const codes = groups.map((g) => g.sortCode);
        expect(new Set(codes).size).toBe(codes.length);
        if (codes.includes('')) expect(codes.at(-1)).toBe('');
      }),
      { numRuns: 500 },
    );
  });
});
