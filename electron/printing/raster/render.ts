// Render a millimetre layout to a 1-bit bitmap at the printer's resolution.
// Everything is drawn straight into the bitmap: rules and boxes as whole dots,
// text line by line through a CJK font on a small canvas, thresholded (no
// dithering; see text.ts), barcodes and QR codes module by module so every bar
// is an exact number of dots. No label-sized canvas is ever read back.
import { fail, ok, type Result } from '../../../shared/result.ts';
import type {
  Code128Element,
  LabelLayout,
  LayoutElement,
  QrElement,
  TextElement,
} from '../../../shared/printing/layout/elements.ts';
import { code128Pattern, qrPattern } from './barcode.ts';
import { createBitmap, fillDots, fillRow, type Bitmap } from './bitmap.ts';
import type { FontSet } from './fonts.ts';
import { textRasteriserFor, type TextRasteriser } from './text.ts';
import { dotsPerMm } from './units.ts';

export interface RasterOptions {
  readonly dpi: number;
  readonly fonts: FontSet;
  /** Luminance below which an anti-aliased text pixel prints (0–255). */
  readonly threshold?: number;
}

/** Quiet zone each side of a CODE128 symbol, in modules. */
export const CODE128_QUIET_MODULES = 10;
/** Narrowest CODE128 module we print; thinner bars do not survive a thermal head. */
export const MIN_MODULE_MM = 0.19;
/** Widest CODE128 module: wider only makes the symbol long. */
export const MAX_MODULE_MM = 0.5;
/** QR quiet zone, in modules. */
export const QR_QUIET_MODULES = 4;

interface Context {
  readonly dpm: number;
  readonly text: TextRasteriser;
  readonly threshold: number;
}

export function rasterise(layout: LabelLayout, options: RasterOptions): Result<Bitmap> {
  const dpm = dotsPerMm(options.dpi);
  const width = Math.round(layout.widthMm * dpm);
  const height = Math.round(layout.heightMm * dpm);
  const bitmap = createBitmap(width, height);
  const context: Context = {
    dpm,
    text: textRasteriserFor(options.fonts),
    threshold: options.threshold ?? 128,
  };
  // Symbols go last, as before: their quiet zones clear whatever is under them.
  const symbols: Array<Code128Element | QrElement> = [];
  for (const element of layout.elements) {
    if (element.type === 'code128' || element.type === 'qr') symbols.push(element);
    else drawElement(bitmap, element, context);
  }
  for (const symbol of symbols) {
    const drawn =
      symbol.type === 'code128' ? drawCode128(bitmap, symbol, dpm) : drawQr(bitmap, symbol, dpm);
    if (!drawn.ok) return drawn;
  }
  return ok(bitmap);
}

function drawElement(
  bitmap: Bitmap,
  element: Exclude<LayoutElement, Code128Element | QrElement>,
  c: Context,
): void {
  const d = (mm: number) => Math.round(mm * c.dpm);
  switch (element.type) {
    case 'line': {
      const t = Math.max(1, d(element.thicknessMm));
      const horizontal = element.y1 === element.y2;
      const length = horizontal ? d(element.x2) - d(element.x1) : d(element.y2) - d(element.y1);
      const dash = element.dashed ? [d(1.5), d(1)] : [length, 0];
      const [on = length, off = 0] = dash;
      for (let s = 0; s < length; s += on + off) {
        const run = Math.min(on, length - s);
        if (horizontal) fillDots(bitmap, d(element.x1) + s, d(element.y1) - (t >> 1), run, t);
        else fillDots(bitmap, d(element.x1) - (t >> 1), d(element.y1) + s, t, run);
      }
      return;
    }
    case 'box': {
      const [x, y, w, h] = [d(element.x), d(element.y), d(element.w), d(element.h)];
      if (element.fill) {
        fillDots(bitmap, x, y, w, h);
        return;
      }
      const t = Math.max(1, d(element.thicknessMm));
      fillDots(bitmap, x, y, w, t);
      fillDots(bitmap, x, y + h - t, w, t);
      fillDots(bitmap, x, y, t, h);
      fillDots(bitmap, x + w - t, y, t, h);
      return;
    }
    case 'text':
      drawText(bitmap, element, c);
      return;
  }
}

function drawText(bitmap: Bitmap, element: TextElement, c: Context): void {
  if (element.text === '') return;
  const invert = element.invert === true;
  const { ink, anchorX, anchorY } = c.text.ink({
    text: element.text,
    sizePx: element.sizeMm * c.dpm,
    bold: element.bold,
    align: element.align,
    x: element.x * c.dpm,
    y: element.y * c.dpm,
    maxWidthPx: element.maxWidthMm * c.dpm,
    // The canvas composited black text on white (ink where luminance < threshold)
    // and white text on a black box (white where luminance ≥ threshold).
    threshold: invert ? c.threshold : 256 - c.threshold,
    white: invert,
  });
  const { runs } = ink;
  for (let i = 0; i < runs.length; i += 3) {
    const row = anchorY + (runs[i] ?? 0);
    if (row < 0 || row >= bitmap.heightDots) continue;
    const x0 = Math.max(0, anchorX + (runs[i + 1] ?? 0));
    const x1 = Math.min(bitmap.widthDots, anchorX + (runs[i + 2] ?? 0));
    fillRow(bitmap, row, x0, x1, !invert);
  }
}

function drawCode128(bitmap: Bitmap, element: Code128Element, dpm: number): Result<void> {
  const pattern = code128Pattern(element.data);
  if (!pattern.ok) return pattern;
  const areaDots = Math.floor(element.maxWidthMm * dpm);
  const fit = Math.floor(areaDots / (pattern.value.totalModules + 2 * CODE128_QUIET_MODULES));
  const module = Math.min(fit, Math.max(1, Math.floor(MAX_MODULE_MM * dpm)));
  if (module < 1 || module / dpm < MIN_MODULE_MM) {
    return fail(
      'BARCODE_TOO_DENSE',
      '条码内容过长，无法清晰打印',
      'Barcode too long to print legibly at this width',
    );
  }
  const symbolDots = pattern.value.totalModules * module;
  const left = Math.round(element.x * dpm) + Math.floor((areaDots - symbolDots) / 2);
  const top = Math.round(element.y * dpm);
  // Never round the bar height down: postal scanners need the full height.
  const barHeight = Math.ceil(element.heightMm * dpm);
  fillDots(
    bitmap,
    left - CODE128_QUIET_MODULES * module,
    top,
    symbolDots + 2 * CODE128_QUIET_MODULES * module,
    barHeight,
    false,
  );
  let x = left;
  pattern.value.widths.forEach((modules, index) => {
    if (index % 2 === 0) fillDots(bitmap, x, top, modules * module, barHeight, true);
    x += modules * module;
  });
  return ok(undefined);
}

function drawQr(bitmap: Bitmap, element: QrElement, dpm: number): Result<void> {
  const pattern = qrPattern(element.data, element.ecLevel);
  if (!pattern.ok) return pattern;
  const sizeDots = Math.floor(element.sizeMm * dpm);
  const n = pattern.value.size;
  const module = Math.floor(sizeDots / (n + 2 * QR_QUIET_MODULES));
  if (module < 2) {
    return fail(
      'BARCODE_TOO_DENSE',
      '二维码内容过长，无法清晰打印',
      'QR content too long to print legibly at this size',
    );
  }
  const offset = Math.floor((sizeDots - n * module) / 2);
  const left = Math.round(element.x * dpm) + offset;
  const top = Math.round(element.y * dpm) + offset;
  fillDots(
    bitmap,
    Math.round(element.x * dpm),
    Math.round(element.y * dpm),
    sizeDots,
    sizeDots,
    false,
  );
  for (let row = 0; row < n; row += 1) {
    for (let col = 0; col < n; col += 1) {
      if (pattern.value.modules[row * n + col] === 1)
        fillDots(bitmap, left + col * module, top + row * module, module, module, true);
    }
  }
  return ok(undefined);
}
