// Text lines to 1-bit ink, one line at a time on a small reused scratch canvas.
// Reading back a whole label-sized canvas costs tens of ms (@napi-rs/canvas
// replays and copies every pixel); a line's own box is a few hundred µs. Each
// line's ink is kept as horizontal runs and cached by everything that decides
// its pixels (font, size, text, squeeze width, alignment, sub-dot phase), so the
// constant strings of a batch (headings, sender, notices) are drawn once.
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { TextAlign } from '../../../shared/printing/layout/elements.ts';
import type { FontSet } from './fonts.ts';

/** Fraction of the em above the alphabetic baseline in the CJK ideographic box. */
export const ASCENT_EM = 0.88;

/** A line of text as the runs of dots it inks, relative to its anchor dot. */
export interface TextInk {
  /** Triples [dy, x0, x1): row offset and half-open column range, from the anchor dot. */
  readonly runs: Int16Array;
}

export interface TextLine {
  readonly text: string;
  readonly sizePx: number;
  readonly bold: boolean;
  readonly align: TextAlign;
  /** Anchor in dots (fractional): left edge, centre or right edge per align. */
  readonly x: number;
  /** Top of the line box in dots (fractional). */
  readonly y: number;
  readonly maxWidthPx: number;
  /** Coverage (0–255) from which an anti-aliased dot counts as ink. */
  readonly threshold: number;
  /**
   * White text (on a black box). Drawn white here too: Skia adjusts glyph
   * coverage by the paint's luminance, so white ink is thinner than black.
   */
  readonly white: boolean;
}

/** Ink kept for repeated lines; a label's distinct lines average ~2.5 KB. */
const CACHE_BYTES = 4 * 1024 * 1024;
/** Scratch canvases come in these steps so a handful of sizes serve every line. */
const WIDTH_STEP = 64;
const HEIGHT_STEP = 16;

interface Scratch {
  readonly canvas: Canvas;
  readonly ctx: SKRSContext2D;
  font: string;
  align: TextAlign | '';
  white: boolean;
}

export interface TextRasteriser {
  /** Ink of one line; `anchorX`/`anchorY` are the whole dots the runs are relative to. */
  ink(line: TextLine): { ink: TextInk; anchorX: number; anchorY: number };
  /** Lines drawn (cache misses), served from the cache, and drawn again in a larger box. */
  stats(): { drawn: number; cached: number; redrawn: number };
}

const rasterisers = new Map<string, TextRasteriser>();

/** One rasteriser (scratch canvases + ink cache) per font family list, per process. */
export function textRasteriserFor(fonts: FontSet): TextRasteriser {
  let rasteriser = rasterisers.get(fonts.families);
  if (rasteriser === undefined) {
    rasteriser = createTextRasteriser(fonts.families);
    rasterisers.set(fonts.families, rasteriser);
  }
  return rasteriser;
}

function createTextRasteriser(families: string): TextRasteriser {
  const scratches = new Map<string, Scratch>();
  const cache = new Map<string, TextInk>();
  let cacheBytes = 0;
  let drawn = 0;
  let cached = 0;
  let redrawn = 0;

  function scratchFor(width: number, height: number): Scratch {
    const w = Math.ceil(width / WIDTH_STEP) * WIDTH_STEP;
    const h = Math.ceil(height / HEIGHT_STEP) * HEIGHT_STEP;
    const key = `${w}x${h}`;
    let scratch = scratches.get(key);
    if (scratch === undefined) {
      const canvas = createCanvas(w, h);
      const ctx = canvas.getContext('2d');
      ctx.lang = 'zh-CN'; // Simplified Chinese glyph forms from pan-CJK fonts.
      ctx.textBaseline = 'alphabetic';
      ctx.fillStyle = '#000000';
      scratch = { canvas, ctx, font: '', align: '', white: false };
      scratches.set(key, scratch);
    }
    return scratch;
  }

  function draw(line: TextLine, fracX: number, fracY: number, font: string, extraPad = 0): TextInk {
    // Measure on any scratch. The box is the ink box from the font metrics plus a pad;
    // ink reaching its edge (see below) means the metrics were short.
    const probe = scratchFor(WIDTH_STEP, HEIGHT_STEP);
    if (probe.font !== font) {
      probe.ctx.font = font;
      probe.font = font;
    }
    const metrics = probe.ctx.measureText(line.text);
    const squeezed = Math.min(metrics.width, line.maxWidthPx);
    const scale = metrics.width > 0 ? squeezed / metrics.width : 1;
    const overhangLeft = Math.max(0, metrics.actualBoundingBoxLeft * scale);
    const overhangRight = Math.max(0, metrics.actualBoundingBoxRight * scale - squeezed);
    const pad = 2 + Math.ceil(line.sizePx * 0.05) + extraPad;
    const startX = line.align === 'left' ? 0 : line.align === 'center' ? -squeezed / 2 : -squeezed;
    const left = Math.floor(startX - overhangLeft) - pad;
    const right = Math.ceil(startX + squeezed + overhangRight) + pad;
    const baseline = fracY + ASCENT_EM * line.sizePx;
    const top = Math.floor(baseline - metrics.actualBoundingBoxAscent) - pad;
    const bottom = Math.ceil(baseline + metrics.actualBoundingBoxDescent) + pad;
    const width = right - left;
    const height = bottom - top;

    const scratch = scratchFor(width, height);
    const { ctx } = scratch;
    if (scratch.font !== font) {
      ctx.font = font;
      scratch.font = font;
    }
    if (scratch.align !== line.align) {
      ctx.textAlign = line.align;
      scratch.align = line.align;
    }
    if (scratch.white !== line.white) {
      ctx.fillStyle = line.white ? '#ffffff' : '#000000';
      scratch.white = line.white;
    }
    ctx.clearRect(0, 0, scratch.canvas.width, scratch.canvas.height);
    // Same sub-dot position as on the label, so the glyph edges fall on the same dots.
    ctx.fillText(line.text, fracX - left, baseline - top, line.maxWidthPx);
    const pixels = ctx.getImageData(0, 0, width, height).data;
    // Font metrics can understate a fallback font's glyphs: ink on the edge of the
    // box may go on past it, so draw again in a box an em larger each way.
    if (inkOnEdge(pixels, width, height) && extraPad < 4 * line.sizePx) {
      redrawn += 1;
      return draw(line, fracX, fracY, font, extraPad + Math.ceil(line.sizePx));
    }
    return { runs: runsFromAlpha(pixels, width, height, line.threshold, left, top) };
  }

  return {
    ink(line) {
      const anchorX = Math.floor(line.x);
      const anchorY = Math.floor(line.y);
      const fracX = line.x - anchorX;
      const fracY = line.y - anchorY;
      const font = `${line.bold ? 'bold ' : ''}${line.sizePx.toFixed(2)}px ${families}`;
      const key = `${font}|${line.align}|${line.maxWidthPx}|${fracX}|${fracY}|${line.threshold}|${line.white}|${line.text}`;
      let ink = cache.get(key);
      if (ink === undefined) {
        ink = draw(line, fracX, fracY, font);
        drawn += 1;
        cacheBytes += ink.runs.byteLength;
        // Least recently used first: Map iterates in insertion order.
        for (const [oldKey, oldInk] of cache) {
          if (cacheBytes <= CACHE_BYTES) break;
          cache.delete(oldKey);
          cacheBytes -= oldInk.runs.byteLength;
        }
      } else {
        cached += 1;
        cache.delete(key); // re-insert: most recently used last
      }
      cache.set(key, ink);
      return { ink, anchorX, anchorY };
    },
    stats: () => ({ drawn, cached, redrawn }),
  };
}

/** Any coverage at all in the outermost rows or columns. */
function inkOnEdge(rgba: Uint8ClampedArray, width: number, height: number): boolean {
  const alpha = (x: number, y: number) => rgba[(y * width + x) * 4 + 3] ?? 0;
  for (let x = 0; x < width; x += 1) if (alpha(x, 0) > 0 || alpha(x, height - 1) > 0) return true;
  for (let y = 0; y < height; y += 1) if (alpha(0, y) > 0 || alpha(width - 1, y) > 0) return true;
  return false;
}

/** Rows of RGBA pixels (ink drawn on transparent) to runs where alpha ≥ threshold. */
function runsFromAlpha(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  threshold: number,
  offsetX: number,
  offsetY: number,
): Int16Array {
  const runs: number[] = [];
  for (let y = 0; y < height; y += 1) {
    let start = -1;
    const row = y * width * 4 + 3;
    for (let x = 0; x < width; x += 1) {
      const inked = (rgba[row + x * 4] ?? 0) >= threshold;
      if (inked && start < 0) start = x;
      else if (!inked && start >= 0) {
        runs.push(y + offsetY, start + offsetX, x + offsetX);
        start = -1;
      }
    }
    if (start >= 0) runs.push(y + offsetY, start + offsetX, width + offsetX);
  }
  // Dots on a label are far below 2^15 (150 mm at 300 dpi = 1,772).
  return Int16Array.from(runs);
}
