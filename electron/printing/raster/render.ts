// Render a millimetre layout to a 1-bit bitmap at the printer's resolution.
// Text goes through a CJK font on a canvas and is thresholded (no dithering);
// rules and boxes are whole dots; barcodes and QR codes are drawn module by
// module straight into the bitmap so every bar is an exact number of dots.
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { fail, ok, type Result } from '../../../shared/result.ts';
import type {
  Code128Element,
  LabelLayout,
  LayoutElement,
  QrElement,
  TextElement,
} from '../../../shared/printing/layout/elements.ts';
import { code128Pattern, qrPattern } from './barcode.ts';
import { bitmapFromRgba, fillDots, type Bitmap } from './bitmap.ts';
import type { FontSet } from './fonts.ts';
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
/** Fraction of the em above the alphabetic baseline in the CJK ideographic box. */
const ASCENT_EM = 0.88;

interface Context {
  readonly dpm: number;
  readonly fonts: FontSet;
}

export function rasterise(layout: LabelLayout, options: RasterOptions): Result<Bitmap> {
  const dpm = dotsPerMm(options.dpi);
  const width = Math.round(layout.widthMm * dpm);
  const height = Math.round(layout.heightMm * dpm);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.lang = 'zh-CN'; // Simplified Chinese glyph forms from pan-CJK fonts.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const context: Context = { dpm, fonts: options.fonts };
  const symbols: Array<Code128Element | QrElement> = [];
  for (const element of layout.elements) {
    if (element.type === 'code128' || element.type === 'qr') symbols.push(element);
    else drawOnCanvas(ctx, element, context);
  }
  const image = ctx.getImageData(0, 0, width, height);
  const bitmap = bitmapFromRgba(image.data, width, height, options.threshold ?? 128);
  for (const symbol of symbols) {
    const drawn =
      symbol.type === 'code128' ? drawCode128(bitmap, symbol, dpm) : drawQr(bitmap, symbol, dpm);
    if (!drawn.ok) return drawn;
  }
  return ok(bitmap);
}

function drawOnCanvas(
  ctx: SKRSContext2D,
  element: Exclude<LayoutElement, Code128Element | QrElement>,
  c: Context,
): void {
  const d = (mm: number) => Math.round(mm * c.dpm);
  switch (element.type) {
    case 'line': {
      const t = Math.max(1, d(element.thicknessMm));
      ctx.fillStyle = '#000000';
      const horizontal = element.y1 === element.y2;
      const length = horizontal ? d(element.x2) - d(element.x1) : d(element.y2) - d(element.y1);
      const dash = element.dashed ? [d(1.5), d(1)] : [length, 0];
      const [on = length, off = 0] = dash;
      for (let s = 0; s < length; s += on + off) {
        const run = Math.min(on, length - s);
        if (horizontal) ctx.fillRect(d(element.x1) + s, d(element.y1) - (t >> 1), run, t);
        else ctx.fillRect(d(element.x1) - (t >> 1), d(element.y1) + s, t, run);
      }
      return;
    }
    case 'box': {
      const [x, y, w, h] = [d(element.x), d(element.y), d(element.w), d(element.h)];
      ctx.fillStyle = '#000000';
      if (element.fill) {
        ctx.fillRect(x, y, w, h);
        return;
      }
      const t = Math.max(1, d(element.thicknessMm));
      ctx.fillRect(x, y, w, t);
      ctx.fillRect(x, y + h - t, w, t);
      ctx.fillRect(x, y, t, h);
      ctx.fillRect(x + w - t, y, t, h);
      return;
    }
    case 'text':
      drawText(ctx, element, c);
      return;
  }
}

function drawText(ctx: SKRSContext2D, element: TextElement, c: Context): void {
  if (element.text === '') return;
  const px = element.sizeMm * c.dpm;
  ctx.font = `${element.bold ? 'bold ' : ''}${px.toFixed(2)}px ${c.fonts.families}`;
  ctx.textAlign = element.align;
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = element.invert ? '#ffffff' : '#000000';
  ctx.fillText(
    element.text,
    element.x * c.dpm,
    element.y * c.dpm + ASCENT_EM * px,
    element.maxWidthMm * c.dpm,
  );
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
