import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabelLayout } from '../../../shared/printing/layout/elements.ts';
import { layoutLabel } from '../../../shared/printing/layout/index.ts';
import { unwrap } from '../../../shared/result.ts';
import {
  bitmapToPng,
  countBlack,
  getDot,
  type Bitmap,
} from '../../../electron/printing/raster/bitmap.ts';
import { loadFonts } from '../../../electron/printing/raster/fonts.ts';
import { rasterise } from '../../../electron/printing/raster/render.ts';
import { dotsPerMm } from '../../../electron/printing/raster/units.ts';
import { sampleLabel } from '../../../electron/printing/samples.ts';
import { zbarRead } from '../../support/printer-zbar.ts';

const fonts = unwrap(loadFonts());
const dir = mkdtempSync(path.join(tmpdir(), 'waypost-raster-'));

function render(layout: LabelLayout, dpi: number): Bitmap {
  return unwrap(rasterise(layout, { dpi, fonts }));
}

function savePng(bitmap: Bitmap, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bitmapToPng(bitmap));
  return file;
}

function oneText(text: string, sizeMm = 8): LabelLayout {
  return {
    kind: 'slip80',
    widthMm: 20,
    heightMm: 12,
    paperWidthMm: 80,
    continuous: true,
    elements: [
      { type: 'text', x: 2, y: 1, text, sizeMm, bold: false, align: 'left', maxWidthMm: 16 },
    ],
  };
}

describe('raster', () => {
  it('uses the printer resolution: 80 mm roll = 576 dots at 203 dpi', () => {
    const receipt = unwrap(layoutLabel(sampleLabel('receipt80')));
    expect(render(receipt, 203).widthDots).toBe(576);
    expect(render(receipt, 300).widthDots).toBe(850);
    const waybill = unwrap(layoutLabel(sampleLabel('ems100x150')));
    const at203 = render(waybill, 203);
    expect([at203.widthDots, at203.heightDots]).toEqual([800, 1200]);
  });

  for (const dpi of [203, 300]) {
    it(`prints CODE128 bars at least 12.5 mm tall and readable at ${dpi} dpi`, () => {
      for (const kind of ['ems100x150', 'ems76x130'] as const) {
        const layout = unwrap(layoutLabel(sampleLabel(kind)));
        const bar = layout.elements.find((e) => e.type === 'code128');
        if (bar?.type !== 'code128') throw new Error('no barcode');
        const bitmap = render(layout, dpi);
        const dpm = dotsPerMm(dpi);
        const midY = Math.round((bar.y + bar.heightMm / 2) * dpm);
        const firstBar = Array.from({ length: bitmap.widthDots }, (_, x) => x).find((x) =>
          getDot(bitmap, x, midY),
        );
        if (firstBar === undefined) throw new Error('no bar found');
        let top = midY;
        while (getDot(bitmap, firstBar, top - 1)) top -= 1;
        let bottom = midY;
        while (getDot(bitmap, firstBar, bottom + 1)) bottom += 1;
        expect((bottom - top + 1) / dpm).toBeGreaterThanOrEqual(12.5);
        // Whole-dot modules: every bar run is a multiple of the narrowest one.
        const runs: number[] = [];
        let x = firstBar;
        while (x < bitmap.widthDots) {
          const colour = getDot(bitmap, x, midY);
          let run = 0;
          while (x < bitmap.widthDots && getDot(bitmap, x, midY) === colour) {
            run += 1;
            x += 1;
          }
          runs.push(run);
        }
        const module = Math.min(...runs.slice(0, -1));
        expect(module / dpm).toBeGreaterThanOrEqual(0.19);
        for (const run of runs.slice(0, -1)) expect(run % module).toBe(0);
        expect(zbarRead([savePng(bitmap, `${kind}-${dpi}.png`)], 'code128')).toEqual([
          'EA123456785CN',
        ]);
      }
    });
  }

  it('receipt QR reads back as ASCII WP1:<acceptanceNo>', () => {
    const bitmap = render(unwrap(layoutLabel(sampleLabel('receipt80'))), 203);
    expect(zbarRead([savePng(bitmap, 'receipt.png')], 'qrcode')).toEqual([
      'WP1:A140106202603070001',
    ]);
  });

  it('draws rare characters (𠮷 U+20BB7, 䶮 U+4DAE) from the CJK font, not as tofu', () => {
    const latinOnly = unwrap(loadFonts(['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf']));
    const tofu = unwrap(rasterise(oneText('𠮷'), { dpi: 203, fonts: latinOnly }));
    const ji = render(oneText('吉'), 203);
    for (const rare of ['𠮷', '䶮']) {
      const bitmap = render(oneText(rare), 203);
      expect(countBlack(bitmap)).toBeGreaterThan(150);
      expect(Buffer.from(bitmap.data).equals(Buffer.from(tofu.data))).toBe(false);
      expect(Buffer.from(bitmap.data).equals(Buffer.from(ji.data))).toBe(false);
    }
  });

  it('fails clearly when no CJK font exists', () => {
    const result = loadFonts(['/nonexistent/font.ttc']);
    expect(result.ok ? 'ok' : result.error.code).toBe('PRINTER_FONT_MISSING');
  });
});
