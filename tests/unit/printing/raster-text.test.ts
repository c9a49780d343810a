// The line-by-line text raster (scratch canvases + ink cache) must put ink on exactly
// the dots a whole-label canvas thresholded at once would: checked against that
// reference for alignments, squeezing, white-on-black, sub-dot positions and both
// resolutions. Plus the 1-bit fills the raster now draws rules and boxes with.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelLayout, TextElement } from '../../../shared/printing/layout/elements.ts';
import { layoutLabel } from '../../../shared/printing/layout/index.ts';
import { LABEL_KINDS, type LabelContent } from '../../../shared/printing/types.ts';
import { unwrap } from '../../../shared/result.ts';
import {
  bitmapFromRgba,
  bitmapToPng,
  createBitmap,
  fillDots,
  getDot,
  type Bitmap,
} from '../../../electron/printing/raster/bitmap.ts';
import { loadFonts } from '../../../electron/printing/raster/fonts.ts';
import { rasterise } from '../../../electron/printing/raster/render.ts';
import { ASCENT_EM, textRasteriserFor } from '../../../electron/printing/raster/text.ts';
import { dotsPerMm } from '../../../electron/printing/raster/units.ts';
import { sampleLabel, sampleWaybill } from '../../../electron/printing/samples.ts';
import { zbarRead } from '../../support/printer-zbar.ts';

const fonts = unwrap(loadFonts());

/** The previous renderer for text: one label-sized canvas, thresholded at the end. */
function referenceText(layout: LabelLayout, dpi: number): Bitmap {
  const dpm = dotsPerMm(dpi);
  const width = Math.round(layout.widthMm * dpm);
  const height = Math.round(layout.heightMm * dpm);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.lang = 'zh-CN';
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  for (const element of layout.elements) {
    if (element.type === 'box' && element.fill) {
      ctx.fillStyle = '#000000';
      const d = (mm: number) => Math.round(mm * dpm);
      ctx.fillRect(d(element.x), d(element.y), d(element.w), d(element.h));
    }
    if (element.type !== 'text' || element.text === '') continue;
    const px = element.sizeMm * dpm;
    ctx.font = `${element.bold ? 'bold ' : ''}${px.toFixed(2)}px ${fonts.families}`;
    ctx.textAlign = element.align;
    ctx.textBaseline = 'alphabetic';
    ctx.fillStyle = element.invert ? '#ffffff' : '#000000';
    ctx.fillText(
      element.text,
      element.x * dpm,
      element.y * dpm + ASCENT_EM * px,
      element.maxWidthMm * dpm,
    );
  }
  return bitmapFromRgba(ctx.getImageData(0, 0, width, height).data, width, height, 128);
}

function textLayout(elements: LabelLayout['elements']): LabelLayout {
  return {
    kind: 'slip80',
    widthMm: 72,
    heightMm: 40,
    paperWidthMm: 80,
    continuous: true,
    elements,
  };
}

function text(overrides: Partial<TextElement>): TextElement {
  return {
    type: 'text',
    x: 3.3,
    y: 2.15,
    text: '山西省太原市迎泽区 𠮷 䶮 Ag 030-01',
    sizeMm: 4.5,
    bold: false,
    align: 'left',
    maxWidthMm: 66,
    ...overrides,
  };
}

function differingDots(a: Bitmap, b: Bitmap): number {
  let count = 0;
  for (let i = 0; i < a.data.length; i += 1) {
    let x = (a.data[i] ?? 0) ^ (b.data[i] ?? 0);
    while (x !== 0) {
      count += x & 1;
      x >>= 1;
    }
  }
  return count;
}

describe('text raster', () => {
  const cases: Array<[string, TextElement[]]> = [
    ['left', [text({})]],
    ['centre, bold, sub-dot position', [text({ x: 36.07, y: 5.33, align: 'center', bold: true })]],
    ['right', [text({ x: 69.9, y: 10.6, align: 'right', sizeMm: 3.5 })]],
    [
      'squeezed into maxWidth',
      [text({ text: '太原市公安局迎泽分局户政大厅邮政服务点', maxWidthMm: 40 })],
    ],
    [
      'large',
      [text({ text: '晋A 太原迎泽 030-01', sizeMm: 9.5, bold: true, x: 36, align: 'center' })],
    ],
    ['tiny', [text({ text: '本面单已按 GB/T 41833-2022 隐藏收件人个人信息', sizeMm: 2.6 })]],
    ['half outside the label', [text({ x: -2.2, y: 37.5, sizeMm: 6 })]],
  ];
  for (const dpi of [203, 300]) {
    for (const [name, elements] of cases) {
      it(`puts ink on the same dots as a whole-label canvas: ${name}, ${dpi} dpi`, () => {
        const layout = textLayout(elements);
        const drawn = unwrap(rasterise(layout, { dpi, fonts }));
        expect(differingDots(drawn, referenceText(layout, dpi))).toBe(0);
        expect(drawn.data.some((byte) => byte !== 0)).toBe(true);
      });
    }
    it(`white text on a black box matches too (${dpi} dpi)`, () => {
      const layout = textLayout([
        { type: 'box', x: 10, y: 4, w: 30, h: 12, thicknessMm: 0, fill: true },
        text({ x: 25, y: 6, text: '隐私面单 收', align: 'center', bold: true, invert: true }),
      ]);
      const drawn = unwrap(rasterise(layout, { dpi, fonts }));
      expect(differingDots(drawn, referenceText(layout, dpi))).toBe(0);
    });
  }

  it('draws a repeated line once and gives the same dots from the cache', () => {
    const layout = textLayout([text({ text: '缓存 cache 测试 0001' })]);
    const text1 = textRasteriserFor(fonts);
    const before = text1.stats();
    const first = unwrap(rasterise(layout, { dpi: 203, fonts }));
    const middle = text1.stats();
    const second = unwrap(rasterise(layout, { dpi: 203, fonts }));
    const after = text1.stats();
    expect(middle.drawn - before.drawn).toBe(1);
    expect(after.drawn - middle.drawn).toBe(0);
    expect(after.cached - middle.cached).toBe(1);
    expect(Buffer.from(second.data).equals(Buffer.from(first.data))).toBe(true);
  });

  it('a different line is drawn, not served from the cache', () => {
    const a = unwrap(rasterise(textLayout([text({ text: '王小明' })]), { dpi: 203, fonts }));
    const b = unwrap(rasterise(textLayout([text({ text: '王小朋' })]), { dpi: 203, fonts }));
    expect(differingDots(a, b)).toBeGreaterThan(20);
  });

  it('every kind, many different labels: barcodes read back after the cache has filled', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'waypost-raster-text-'));
    const files: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const waybillNo = `EA${String(10_000_000 + i * 7919).slice(0, 8)}0CN`;
      const label: LabelContent = {
        kind: i % 2 === 0 ? 'ems100x150' : 'ems76x130',
        waybill: {
          ...sampleWaybill,
          waybillNo,
          recipient: { ...sampleWaybill.recipient, name: `欧阳${'明晓娜'.charAt(i % 3)}` },
        },
      };
      const bitmap = unwrap(rasterise(unwrap(layoutLabel(label)), { dpi: 203, fonts }));
      const file = path.join(dir, `w${String(i).padStart(2, '0')}.png`);
      writeFileSync(file, bitmapToPng(bitmap));
      files.push(file);
      expected.push(waybillNo);
    }
    expect(zbarRead(files, 'code128')).toEqual(expected);
    for (const kind of LABEL_KINDS) {
      const bitmap = unwrap(rasterise(unwrap(layoutLabel(sampleLabel(kind))), { dpi: 203, fonts }));
      expect(bitmap.data.some((byte) => byte !== 0)).toBe(true);
    }
  });
});

describe('1-bit fills', () => {
  it('fillDots sets exactly the clipped rectangle, black or white, byte edges included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(
          fc.record({
            x: fc.integer({ min: -10, max: 45 }),
            y: fc.integer({ min: -3, max: 8 }),
            w: fc.integer({ min: 0, max: 30 }),
            h: fc.integer({ min: 0, max: 5 }),
            black: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
        (width, height, rects) => {
          const bitmap = createBitmap(width, height);
          const expected = Array.from({ length: height }, () =>
            new Array<boolean>(width).fill(false),
          );
          for (const r of rects) {
            fillDots(bitmap, r.x, r.y, r.w, r.h, r.black);
            for (let y = Math.max(0, r.y); y < Math.min(height, r.y + r.h); y += 1)
              for (let x = Math.max(0, r.x); x < Math.min(width, r.x + r.w); x += 1)
                (expected[y] ?? [])[x] = r.black;
          }
          for (let y = 0; y < height; y += 1)
            for (let x = 0; x < width; x += 1)
              expect(getDot(bitmap, x, y)).toBe(expected[y]?.[x] ?? false);
          // Pad bits past the width stay white (TSPL inverts them to "no print").
          const pad = bitmap.bytesPerRow * 8 - width;
          if (pad > 0)
            for (let y = 0; y < height; y += 1)
              expect(
                (bitmap.data[y * bitmap.bytesPerRow + bitmap.bytesPerRow - 1] ?? 0) &
                  ((1 << pad) - 1),
              ).toBe(0);
        },
      ),
    );
  });
});
