import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  LabelLayout,
  LayoutElement,
  TextElement,
} from '../../../shared/printing/layout/elements.ts';
import {
  layoutLabel,
  layoutTexts,
  MIN_WAYBILL_BAR_HEIGHT_MM,
} from '../../../shared/printing/layout/index.ts';
import { estimateWidthMm, fitText, wrapText } from '../../../shared/printing/layout/text.ts';
import { formatDateTime } from '../../../shared/printing/layout/time.ts';
import type {
  LabelContent,
  WaybillLabelData,
  WaybillLabelKind,
} from '../../../shared/printing/types.ts';
import { unwrap } from '../../../shared/result.ts';
import {
  sampleLabel,
  sampleWaybill,
  SAMPLE_ID_NUMBER,
} from '../../../electron/printing/samples.ts';

// Matches half of a surrogate pair on its own (a split astral character).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const WAYBILL_KINDS: WaybillLabelKind[] = ['ems100x150', 'ems76x130'];

function waybill(kind: WaybillLabelKind, data: Partial<WaybillLabelData> = {}): LabelLayout {
  return unwrap(layoutLabel({ kind, waybill: { ...sampleWaybill, ...data } }));
}

function byRole(layout: LabelLayout, role: string): LayoutElement[] {
  return layout.elements.filter((e) => 'role' in e && e.role === role);
}

function texts(layout: LabelLayout, role: string): string[] {
  return byRole(layout, role).flatMap((e) => (e.type === 'text' ? [e.text] : []));
}

/** Estimated ink box of a text element (the renderer squeezes to maxWidth). */
function textBox(e: TextElement) {
  const width = Math.min(estimateWidthMm(e.text, e.sizeMm), e.maxWidthMm);
  const left = e.align === 'left' ? e.x : e.align === 'center' ? e.x - width / 2 : e.x - width;
  return { left, right: left + width, top: e.y, bottom: e.y + e.sizeMm * 1.05 };
}

describe('EMS privacy waybill layout', () => {
  for (const kind of WAYBILL_KINDS) {
    describe(kind, () => {
      const layout = waybill(kind);

      it('masks name and phone, hides unit/floor/room, never carries an ID number', () => {
        expect(texts(layout, 'recipient.name')).toEqual(['王*']);
        expect(texts(layout, 'recipient.mobile')).toEqual(['138******78']);
        const all = layoutTexts(layout).join('\n');
        expect(all).not.toContain('𠮷');
        expect(all).not.toContain('13812345678');
        expect(all).not.toMatch(/123456(?!785)/u); // hidden phone digits (the waybill number also has 123456)
        expect(all).not.toContain('3单元');
        expect(all).not.toContain('502');
        expect(all).not.toContain(SAMPLE_ID_NUMBER);
        expect(texts(layout, 'recipient.address').join('')).toBe(
          '山西省太原市迎泽区柳巷街道迎泽大街100号****',
        );
        expect(texts(layout, 'contents')).toEqual(['内件：文件']);
      });

      it('has one CODE128 carrying only the waybill number, ≥ 12.5 mm tall, number printed under it', () => {
        const bars = layout.elements.filter((e) => e.type === 'code128');
        expect(bars).toHaveLength(1);
        expect(layout.elements.filter((e) => e.type === 'qr')).toHaveLength(0);
        const bar = bars[0];
        if (bar?.type !== 'code128') throw new Error('no barcode');
        expect(bar.data).toBe('EA123456785CN');
        expect(bar.heightMm).toBeGreaterThanOrEqual(MIN_WAYBILL_BAR_HEIGHT_MM);
        const number = byRole(layout, 'waybillNo')[0];
        if (number?.type !== 'text') throw new Error('no human-readable number');
        expect(number.text.replaceAll(' ', '')).toBe('EA123456785CN');
        expect(number.y).toBeGreaterThanOrEqual(bar.y + bar.heightMm);
        expect(number.y).toBeLessThan(bar.y + bar.heightMm + 3);
      });

      it('prints the sort code large', () => {
        const sort = byRole(layout, 'sortCode')[0];
        if (sort?.type !== 'text') throw new Error('no sort code');
        const largest = Math.max(
          ...layout.elements.flatMap((e) => (e.type === 'text' ? [e.sizeMm] : [])),
        );
        expect(sort.sizeMm).toBe(largest);
        expect(sort.sizeMm).toBeGreaterThanOrEqual(6);
      });

      it('keeps every element inside the label and no text overlapping another', () => {
        for (const e of layout.elements) {
          const [l, t, r, b] =
            e.type === 'text'
              ? (({ left, top, right, bottom }) => [left, top, right, bottom])(textBox(e))
              : e.type === 'line'
                ? [e.x1, e.y1, e.x2, e.y2]
                : e.type === 'box'
                  ? [e.x, e.y, e.x + e.w, e.y + e.h]
                  : e.type === 'qr'
                    ? [e.x, e.y, e.x + e.sizeMm, e.y + e.sizeMm]
                    : [e.x, e.y, e.x + e.maxWidthMm, e.y + e.heightMm];
          expect(l).toBeGreaterThanOrEqual(0);
          expect(t).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(layout.widthMm + 0.01);
          expect(b).toBeLessThanOrEqual(layout.heightMm);
        }
        const boxes = layout.elements.flatMap((e) =>
          e.type === 'text' ? [{ e, box: textBox(e) }] : [],
        );
        for (const [i, a] of boxes.entries()) {
          for (const other of boxes.slice(i + 1)) {
            const overlap =
              a.box.left < other.box.right - 0.1 &&
              other.box.left < a.box.right - 0.1 &&
              a.box.top < other.box.bottom - 0.1 &&
              other.box.top < a.box.bottom - 0.1;
            expect(overlap, `"${a.e.text}" overlaps "${other.e.text}"`).toBe(false);
          }
        }
      });

      it('never prints complete personal data, whatever the recipient (property)', () => {
        const cjk = fc.constantFrom(
          ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
            '',
          ),
          '𠮷',
          '䶮',
          '𡒄',
          '堃',
        );
        fc.assert(
          fc.property(
            fc.array(cjk, { minLength: 2, maxLength: 4 }),
            fc.stringMatching(/^1[3-9]\d{9}$/u),
            fc.integer({ min: 1, max: 999 }),
            fc.integer({ min: 1, max: 30 }),
            fc.integer({ min: 1, max: 9 }),
            fc.integer({ min: 101, max: 3208 }),
            (nameChars, mobile, house, building, unit, room) => {
              const name = nameChars.join('');
              const detail = `迎泽大街${house}号${building}号楼${unit}单元${room}室`;
              const layout = waybill(kind, {
                recipient: {
                  name,
                  mobile,
                  address: { province: '山西省', city: '太原市', detail },
                },
              });
              const shownName = texts(layout, 'recipient.name').join('');
              expect(shownName).not.toBe(name);
              expect(Array.from(shownName).filter((c) => c !== '*')).toEqual([nameChars[0]]);
              const shownPhone = texts(layout, 'recipient.mobile').join('');
              expect(shownPhone).toBe(`${mobile.slice(0, 3)}******${mobile.slice(-2)}`);
              const address = texts(layout, 'recipient.address').join('');
              expect(address).not.toContain(`${unit}单元`);
              expect(address).not.toContain(`${room}室`);
              expect(address).not.toContain(`${building}号楼`);
              const all = layoutTexts(layout).join('\n');
              expect(all).not.toContain(mobile);
              expect(all).not.toContain(mobile.slice(3, 9));
              for (const e of layout.elements) {
                if (e.type === 'code128') expect(e.data).toBe(sampleWaybill.waybillNo);
              }
            },
          ),
          { numRuns: 300 },
        );
      });
    });
  }

  it('refuses what a printer or scanner would mangle', () => {
    const bad = (content: LabelContent) => {
      const result = layoutLabel(content);
      return result.ok ? 'ok' : result.error.code;
    };
    expect(
      bad({ kind: 'ems100x150', waybill: { ...sampleWaybill, waybillNo: 'EA12345678５CN' } }),
    ).toBe('LABEL_WAYBILL_NO');
    // @ts-expect-error -- the type allows only '文件'; a caller bypassing it is still refused
    expect(bad({ kind: 'ems100x150', waybill: { ...sampleWaybill, contents: '身份证' } })).toBe(
      'LABEL_CONTENTS',
    );
    expect(
      bad({ kind: 'slip80', slip: { title: 't', lines: [], printedAt: 0, barcode: '班次1' } }),
    ).toBe('LABEL_BARCODE_ASCII');
    expect(
      bad({ kind: 'ems76x130', waybill: { ...sampleWaybill, waybillNo: '1234567890123' } }),
    ).toBe('ok');
  });
});

describe('80 mm receipts, manifests and slips', () => {
  it('receipt QR is ASCII WP1:<acceptanceNo>, applicant masked, query hint present', () => {
    const layout = unwrap(layoutLabel(sampleLabel('receipt80')));
    expect(layout.widthMm).toBe(72);
    const qr = layout.elements.filter((e) => e.type === 'qr');
    expect(qr).toHaveLength(1);
    expect(qr[0]?.type === 'qr' && qr[0].data).toBe('WP1:A140106202603070001');
    expect(texts(layout, 'applicant.name')).toEqual(['䶮**']);
    expect(texts(layout, 'queryHint').join('')).toContain('出生日期');
    expect(texts(layout, 'stationPhone').join('')).toContain('0351-4040000');
  });

  it('manifest counts items, masks recipients and carries the batch id as ASCII', () => {
    const layout = unwrap(layoutLabel(sampleLabel('manifest80')));
    expect(texts(layout, 'count')).toEqual(['4 件']);
    expect(texts(layout, 'item.waybillNo')).toHaveLength(4);
    const all = layoutTexts(layout).join('\n');
    expect(all).not.toContain('欧阳娜娜');
    expect(all).not.toContain('王𠮷');
    for (const e of layout.elements)
      if (e.type === 'qr' || e.type === 'code128') expect(e.data).toMatch(/^[\x20-\x7e]+$/u);
  });

  it('slip grows with its lines', () => {
    const short = unwrap(
      layoutLabel({
        kind: 'slip80',
        slip: { title: '日报', lines: [{ value: 'a' }], printedAt: 0 },
      }),
    );
    const long = unwrap(
      layoutLabel({
        kind: 'slip80',
        slip: {
          title: '日报',
          lines: Array.from({ length: 30 }, (_, i) => ({ label: `项目${i}`, value: `${i} 件` })),
          printedAt: 0,
        },
      }),
    );
    expect(long.heightMm).toBeGreaterThan(short.heightMm + 100);
  });
});

describe('text fitting', () => {
  it('wraps by code point and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.double({ min: 5, max: 60, noNaN: true }),
        (text, width) => {
          const lines = wrapText(text, 3, width);
          for (const line of lines) expect(LONE_SURROGATE.test(line)).toBe(false);
          expect(lines.join('').replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps closing punctuation off the start of a line', () => {
    const lines = wrapText('号牌 20 副，临时号牌 50 张，面单 200 张', 3.5, 42);
    for (const line of lines.slice(1)) expect(line).not.toMatch(/^[，。）]/u);
  });

  it('shrinks, then ellipsises', () => {
    const fitted = fitText('很长的地址'.repeat(20), 4.5, 3.5, 60, 2);
    expect(fitted.sizeMm).toBe(3.5);
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines[1]?.endsWith('…')).toBe(true);
  });

  it('formats China time regardless of the machine time zone', () => {
    expect(formatDateTime(Date.UTC(2026, 2, 7, 16, 30))).toBe('2026-03-08 00:30');
  });
});
