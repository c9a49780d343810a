// ESC/POS raster encoder (pure): bitmap → GS v 0 bands, feed, partial cut.
// Text never goes through the printer's GBK code page: everything is raster.
import type { PaperState } from '../../../shared/printing/types.ts';
import type { Bitmap } from '../raster/bitmap.ts';

/** ESC @ — initialise. */
export const ESCPOS_INIT = Uint8Array.of(0x1b, 0x40);
/** DLE EOT 4 — real-time paper roll sensor status (one byte back). */
export const ESCPOS_PAPER_STATUS = Uint8Array.of(0x10, 0x04, 0x04);
/** GS V 66 0 — feed to the cutter and cut (partial). */
export const ESCPOS_FEED_AND_CUT = Uint8Array.of(0x1d, 0x56, 0x42, 0x00);
/** GS v 0 header bytes before m xL xH yL yH. */
export const GS_V_0 = [0x1d, 0x76, 0x30] as const;

/** Rows per GS v 0 command: small enough for every printer's receive buffer limits. */
export const ESCPOS_BAND_ROWS = 256;

export interface EscposOptions {
  /** Extra blank feed after the image, in dots (ESC J), before the cut. */
  readonly feedDots?: number;
  readonly cut?: boolean;
  readonly bandRows?: number;
}

/** One GS v 0 command for rows [top, top + rows) of the bitmap. */
export function gsv0Band(bitmap: Bitmap, top: number, rows: number): Uint8Array {
  const x = bitmap.bytesPerRow;
  const header = [...GS_V_0, 0x00, x & 0xff, (x >> 8) & 0xff, rows & 0xff, (rows >> 8) & 0xff];
  const out = new Uint8Array(header.length + x * rows);
  out.set(header, 0);
  out.set(bitmap.data.subarray(top * x, (top + rows) * x), header.length);
  return out;
}

export function encodeEscposLabel(bitmap: Bitmap, options: EscposOptions = {}): Uint8Array {
  const bandRows = options.bandRows ?? ESCPOS_BAND_ROWS;
  const parts: Uint8Array[] = [ESCPOS_INIT];
  for (let top = 0; top < bitmap.heightDots; top += bandRows) {
    parts.push(gsv0Band(bitmap, top, Math.min(bandRows, bitmap.heightDots - top)));
  }
  let feed = options.feedDots ?? 0;
  while (feed > 0) {
    const n = Math.min(255, feed);
    parts.push(Uint8Array.of(0x1b, 0x4a, n));
    feed -= n;
  }
  if (options.cut ?? true) parts.push(ESCPOS_FEED_AND_CUT);
  return concatBytes(parts);
}

/**
 * Paper state from a DLE EOT 4 reply, or null if the byte is not a status byte
 * (bits 1 and 4 are fixed to 1, bits 0 and 7 to 0).
 */
export function parseEscposPaperStatus(byte: number): PaperState | null {
  if ((byte & 0x93) !== 0x12) return null;
  if ((byte & 0x60) !== 0) return 'out';
  if ((byte & 0x0c) !== 0) return 'near_end';
  return 'ok';
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
