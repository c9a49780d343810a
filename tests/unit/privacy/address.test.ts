import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskAddressDetail } from '../../../shared/privacy/index.ts';
import { RUNS, codeUnitArb, isWellFormed, toWellFormed } from './arbitraries.ts';

describe('maskAddress — examples', () => {
  it.each([
    ['迎泽大街100号3单元502室', '迎泽大街100号****'],
    ['幸福小区5号楼2单元301', '幸福小区****'],
    ['中山路1号院3号楼2单元201', '中山路1号院****'],
    ['建国路88号SOHO现代城A座1201', '建国路88号SOHO现代城****'],
    ['建国路88号SOHO现代城B1201', '建国路88号SOHO现代城****'],
    ['幸福小区三单元五零二室', '幸福小区****'],
    ['幸福小区5-2-301', '幸福小区****'],
    ['幸福小区 5#楼 301', '幸福小区****'],
    ['八一路12号，2单元', '八一路12号****'],
    ['王家村3组45号', '王家村****'],
    ['鼓楼大街100号', '鼓楼大街100号'],
    ['迎泽大街100号', '迎泽大街100号'],
    ['长治路甲10号', '长治路甲10号'],
    ['', ''],
  ])('detail %s → %s', (detail, masked) => {
    expect(maskAddressDetail(detail)).toBe(masked);
  });

  it('keeps province, city, county and street names', () => {
    expect(
      maskAddress({
        province: '山西省',
        city: '太原市',
        county: '迎泽区',
        street: '迎泽街道',
        detail: '迎泽大街100号3单元502室',
      }),
    ).toBe('山西省太原市迎泽区迎泽街道迎泽大街100号****');
  });

  it('drops the municipality placeholder and a repeated city name', () => {
    expect(
      maskAddress({
        province: '北京市',
        city: '市辖区',
        county: '朝阳区',
        detail: '幸福小区5号楼2单元301',
      }),
    ).toBe('北京市朝阳区幸福小区****');
    expect(
      maskAddress({ province: '北京市', city: '北京市', county: '朝阳区', detail: '建国路88号' }),
    ).toBe('北京市朝阳区建国路88号');
    expect(maskAddress({ detail: '幸福小区5号楼' })).toBe('幸福小区****');
  });
});

// Road and community names from characters that are neither numerals nor building words.
const SAFE = [...'迎泽中山人民解放建设和平幸福花园东西南北新华长安朝阳金光明春晓青年'];
const nameArb = fc
  .array(fc.constantFrom(...SAFE), { minLength: 1, maxLength: 4 })
  .map((a) => a.join(''));
const n = fc.integer({ min: 1, max: 2999 }).map(String);
const cn = fc
  .array(fc.constantFrom(...'一二三四五六七八九十'), { minLength: 1, maxLength: 3 })
  .map((a) => a.join(''));
const letter = fc.constantFrom(...'ABCDEF');

const houseNumberArb = fc.oneof(
  n.map((x) => `${x}号`),
  fc.tuple(n, n).map(([a, b]) => `${a}-${b}号`),
  n.map((x) => `${x}号院`),
  n.map((x) => `甲${x}号`),
);

const privatePieceArb = fc.oneof(
  n.map((x) => `${x}单元`),
  n.map((x) => `${x}号楼`),
  n.map((x) => `${x}栋`),
  n.map((x) => `${x}幢`),
  n.map((x) => `${x}层`),
  n.map((x) => `${x}楼`),
  n.map((x) => `${x}室`),
  n.map((x) => `${x}号房`),
  n.map((x) => `${x}#`),
  n,
  fc.tuple(n, n, n).map(([a, b, c]) => `${a}-${b}-${c}`),
  letter.map((l) => `${l}座`),
  fc.tuple(letter, n).map(([l, x]) => `${l}${x}`),
  cn.map((x) => `${x}单元`),
  cn.map((x) => `${x}室`),
);

const privatePartArb = fc
  .array(fc.tuple(fc.constantFrom('', '', ' ', '，', '-'), privatePieceArb), {
    minLength: 1,
    maxLength: 4,
  })
  .map((pieces) => pieces.map(([sep, piece]) => sep + piece).join(''));

describe('maskAddress — properties', () => {
  it('road + house number + any unit/building/floor/room → road + house number + ****', () => {
    const detailArb = fc.tuple(
      nameArb,
      fc.constantFrom('路', '街', '大街', '大道', '巷'),
      houseNumberArb,
      privatePartArb,
    );
    fc.assert(
      fc.property(detailArb, ([name, road, house, rest]) => {
        expect(maskAddressDetail(name + road + house + rest)).toBe(`${name}${road}${house}****`);
      }),
      RUNS,
    );
  });

  it('community name + any building/unit/room → community name + ****', () => {
    const detailArb = fc.tuple(
      nameArb,
      fc.constantFrom('小区', '花园', '家园', '公寓', '新村', '苑'),
      privatePartArb,
    );
    fc.assert(
      fc.property(detailArb, ([name, suffix, rest]) => {
        const masked = maskAddressDetail(name + suffix + rest);
        expect(masked).toBe(`${name}${suffix}****`);
      }),
      RUNS,
    );
  });

  it('any detail: output is a prefix of the input (+ ****), and every digit shown is in a house number', () => {
    const unit = fc.oneof(
      fc.constantFrom(...'0123456789０１２号号楼单元室层栋座院路街区AB #-，甲'),
      fc.constantFrom(...SAFE, '𠮷', '䶮'),
      codeUnitArb,
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (detail) => {
        const masked = maskAddressDetail(detail);
        expect(isWellFormed(masked)).toBe(true);
        const source = toWellFormed(detail.trim());
        const kept = masked.endsWith('****') && masked !== source ? masked.slice(0, -4) : masked;
        expect(source.startsWith(kept)).toBe(true);
        for (const m of kept.matchAll(/[0-9０-９]+/g)) {
          // In the original, this digit run is a house number: followed by 号, not by 号楼/号室 etc.
          let end = m.index + m[0].length;
          const sub = /^[-－之][0-9０-９]+/.exec(source.slice(end));
          if (sub !== null) end += sub[0].length;
          expect(source.charAt(end)).toBe('号');
          expect('楼栋幢座室房').not.toContain(source.charAt(end + 1) || '∅');
        }
      }),
      RUNS,
    );
  });

  it('division names are kept and the detail is masked the same way', () => {
    fc.assert(
      fc.property(
        fc.record({ province: nameArb, city: nameArb, county: nameArb, street: nameArb }),
        nameArb,
        houseNumberArb,
        privatePartArb,
        (divisions, road, house, rest) => {
          const masked = maskAddress({ ...divisions, detail: `${road}路${house}${rest}` });
          const names = [divisions.province, divisions.city, divisions.county, divisions.street];
          const deduped = names.filter((x, i) => i === 0 || x !== names[i - 1]).join('');
          expect(masked).toBe(`${deduped}${road}路${house}****`);
        },
      ),
      RUNS,
    );
  });
});
