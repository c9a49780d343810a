// Layout → 1-bit raster → PNG, for printers and previews.
import { fail, ok, type Result } from '../../../shared/result.ts';
import type { LabelContent } from '../../../shared/printing/types.ts';
import { layoutLabel, type LabelLayout } from '../../../shared/printing/layout/index.ts';
import { bitmapToPng, type Bitmap } from './bitmap.ts';
import type { FontSet } from './fonts.ts';
import { rasterise } from './render.ts';
import { SUPPORTED_DPI } from './units.ts';

export type { Bitmap } from './bitmap.ts';
export { loadFonts, defaultFontCandidates, type FontSet } from './fonts.ts';
export { rasterise } from './render.ts';
export { bitmapToPng } from './bitmap.ts';

export function checkDpi(dpi: number): Result<number> {
  return (SUPPORTED_DPI as readonly number[]).includes(dpi)
    ? ok(dpi)
    : fail(
        'PRINTER_DPI',
        `不支持的打印分辨率 ${dpi} dpi（支持 203 或 300）`,
        `Unsupported resolution ${dpi} dpi (203 or 300)`,
        'dpi',
      );
}

export function renderLabel(
  label: LabelContent,
  dpi: number,
  fonts: FontSet,
): Result<{ layout: LabelLayout; bitmap: Bitmap }> {
  const checked = checkDpi(dpi);
  if (!checked.ok) return checked;
  const layout = layoutLabel(label);
  if (!layout.ok) return layout;
  const bitmap = rasterise(layout.value, { dpi, fonts });
  if (!bitmap.ok) return bitmap;
  return ok({ layout: layout.value, bitmap: bitmap.value });
}

export function renderPng(bitmap: Bitmap): Uint8Array {
  return new Uint8Array(bitmapToPng(bitmap));
}
