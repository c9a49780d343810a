import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MUNICIPALITY_CODES,
  PLACEHOLDER_NAMES,
  childrenOf,
  countyKind,
  divisionByCode,
  divisionFullName,
  divisionPath,
  isTownshipDataLoaded,
  loadChildren,
  loadTownships,
  normalizeDivisionCode,
  resolveDivision,
  resolveDivisionPath,
  searchDivisions,
  searchTownships,
  townshipKind,
  type Division,
} from '../../../shared/divisions/index.ts';
import { unwrap } from '../../../shared/result.ts';

const allPca = (): Division[] => {
  const out: Division[] = [];
  const walk = (code: string | null) => {
    for (const d of childrenOf(code)) {
      out.push(d);
      if (d.level !== 'county') walk(d.code);
    }
  };
  walk(null);
  return out;
};

describe('divisions (provinces, cities, counties)', () => {
  // Must run before anything in this file loads Xinjiang's townships.
  it('asks for a load before answering a township code', async () => {
    expect(isTownshipDataLoaded('65')).toBe(false);
    const before = divisionByCode('650102002');
    expect(!before.ok && before.error.code).toBe('DIVISION_NOT_LOADED');
    const after = await resolveDivision('650102002');
    expect(after.ok).toBe(true);
    expect(isTownshipDataLoaded('65')).toBe(true);
    expect(divisionByCode('650102002').ok).toBe(true);
  });

  it('finds divisions by code in their usual written forms', () => {
    expect(unwrap(divisionByCode('14'))).toMatchObject({ name: '山西省', level: 'province' });
    expect(unwrap(divisionByCode('140000')).code).toBe('14');
    expect(unwrap(divisionByCode('140100'))).toMatchObject({
      code: '1401',
      name: '太原市',
      fullName: '山西省太原市',
      level: 'city',
      parentCode: '14',
    });
    expect(unwrap(divisionByCode('140105'))).toMatchObject({
      name: '小店区',
      fullName: '山西省太原市小店区',
      level: 'county',
      parentCode: '1401',
    });
    // A prefecture city without counties is also a county-level entry ending 00.
    expect(unwrap(divisionByCode('441900'))).toMatchObject({ name: '东莞市', level: 'county' });
    expect(unwrap(divisionByCode('4419'))).toMatchObject({ name: '东莞市', level: 'city' });
    // Municipalities: the 市辖区 placeholder is left out of full names.
    expect(unwrap(divisionByCode('110105')).fullName).toBe('北京市朝阳区');
  });

  it('reports bad and unknown codes as data', () => {
    const code = (input: string) => {
      const r = divisionByCode(input);
      return r.ok ? 'OK' : r.error.code;
    };
    expect(code('abc')).toBe('DIVISION_CODE_FORMAT');
    expect(code('1401051')).toBe('DIVISION_CODE_FORMAT');
    expect(code('000000')).toBe('DIVISION_CODE_FORMAT');
    expect(code('990000')).toBe('DIVISION_NOT_FOUND');
    expect(code('140199')).toBe('DIVISION_NOT_FOUND');
    const message = divisionByCode('990000');
    expect(!message.ok && message.error.message).toContain('没有找到行政区划代码');
  });

  it('normalises codes', () => {
    expect(normalizeDivisionCode(' 140105 ')).toEqual({ ok: true, value: '140105' });
    expect(normalizeDivisionCode('140105001000')).toEqual({ ok: true, value: '140105001' });
    expect(normalizeDivisionCode('140105001123')).toEqual({ ok: true, value: '140105001' });
    expect(normalizeDivisionCode('140105000')).toEqual({ ok: true, value: '140105' });
    expect(normalizeDivisionCode('140100')).toEqual({ ok: true, value: '1401' });
    expect(normalizeDivisionCode('1400')).toEqual({ ok: true, value: '14' });
  });

  it('lists children', () => {
    expect(childrenOf(null)).toHaveLength(31);
    expect(childrenOf('14').map((d) => d.name)).toContain('太原市');
    expect(childrenOf('14')).toHaveLength(11);
    expect(childrenOf('1401').map((d) => d.code)).toContain('140105');
    expect(childrenOf('nonsense')).toEqual([]);
  });

  it('searches by name, best matches first', () => {
    const small = searchDivisions('小店', 5);
    expect(small[0]?.fullName).toBe('山西省太原市小店区');
    expect(searchDivisions('太原 小店')[0]?.code).toBe('140105');
    expect(searchDivisions('太原市小店区')[0]?.code).toBe('140105');
    expect(searchDivisions('山西')[0]?.code).toBe('14');
    expect(searchDivisions('朝阳区', 50).map((d) => d.fullName)).toContain('北京市朝阳区');
    expect(searchDivisions('1401', 3).map((d) => d.code)).toEqual(['1401', '140105', '140106']);
    expect(searchDivisions('市辖区')).toEqual([]);
    expect(searchDivisions('  ')).toEqual([]);
    expect(searchDivisions('区', 7)).toHaveLength(7);
  });

  it('gives the path from province down', () => {
    expect(unwrap(divisionPath('140105')).map((d) => d.name)).toEqual([
      '山西省',
      '太原市',
      '小店区',
    ]);
    expect(unwrap(divisionPath('110105')).map((d) => d.name)).toEqual([
      '北京市',
      '市辖区',
      '朝阳区',
    ]);
  });

  it('every division path is a chain of code prefixes whose names make the full name', () => {
    const all = allPca();
    expect(all.length).toBeGreaterThan(3000);
    fc.assert(
      fc.property(fc.constantFrom(...all), (division) => {
        const path = unwrap(divisionPath(division.code));
        expect(path[path.length - 1]).toBe(division);
        for (let i = 1; i < path.length; i++) {
          expect(division.code.startsWith(path[i - 1]?.code ?? 'x')).toBe(true);
          expect(path[i]?.parentCode).toBe(path[i - 1]?.code);
        }
        expect(path.map((d) => d.name).join('')).toContain(division.name);
        expect(
          division.fullName.endsWith(division.name) || PLACEHOLDER_NAMES.has(division.name),
        ).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('classifies counties and townships', () => {
    expect(countyKind('140105')).toBe('district'); // 小店区
    expect(countyKind('140121')).toBe('county'); // 清徐县
    expect(countyKind('140181')).toBe('county'); // 古交市 (county-level city)
    expect(countyKind('429021')).toBe('county'); // 神农架林区
    expect(countyKind('520203')).toBe('county'); // 六枝特区
    expect(countyKind('441900')).toBe('district'); // 东莞市 itself
    expect(countyKind('140199')).toBe('county'); // unknown: digit convention
    expect(countyKind('140119')).toBe('district');
    expect(townshipKind('140105001')).toBe('street');
    expect(townshipKind('140105100')).toBe('town');
    expect(townshipKind('140105200')).toBe('township');
    expect(townshipKind('110115403')).toBe('other');
    expect(MUNICIPALITY_CODES.has('50')).toBe(true);
  });
});

describe('townships (loaded per province)', () => {
  it('loads a province once and answers from then on', async () => {
    const [a, b] = await Promise.all([loadTownships('14'), loadTownships('14')]);
    expect(a).toBe(b);
    expect(unwrap(divisionByCode('140105001'))).toMatchObject({
      name: '坞城街道',
      fullName: '山西省太原市小店区坞城街道',
      level: 'township',
      parentCode: '140105',
    });
    expect(unwrap(divisionPath('140105100')).map((d) => d.name)).toEqual([
      '山西省',
      '太原市',
      '小店区',
      '北格镇',
    ]);
    expect(divisionFullName('140105200')).toBe('山西省太原市小店区西温庄乡');
  });

  it('loads children of a county on demand', async () => {
    const children = await loadChildren('110101');
    expect(children.length).toBe(17);
    expect(children[0]?.name).toBe('东华门街道');
    expect(unwrap(await resolveDivisionPath('110101001')).map((d) => d.name)).toEqual([
      '北京市',
      '市辖区',
      '东城区',
      '东华门街道',
    ]);
  });

  it('searches townships within a province', async () => {
    const found = await searchTownships('坞城', '14');
    expect(found[0]?.fullName).toBe('山西省太原市小店区坞城街道');
    expect(await searchTownships('坞城', '99')).toEqual([]);
  });

  it('reports an unknown province load as data', async () => {
    const result = await loadTownships('99');
    expect(!result.ok && result.error.code).toBe('DIVISION_NOT_FOUND');
  });
});
