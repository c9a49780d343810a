// A 1-bit bitmap in the layout printers use: rows of bytes, most significant
// bit first, 1 = black (printed) dot. ESC/POS GS v 0 takes it as is; TSPL
// BITMAP wants it inverted (see drivers/tspl.ts).
import { PNG } from 'pngjs';

export interface Bitmap {
  readonly widthDots: number;
  readonly heightDots: number;
  readonly bytesPerRow: number;
  readonly data: Uint8Array;
}

export function createBitmap(widthDots: number, heightDots: number): Bitmap {
  const bytesPerRow = Math.ceil(widthDots / 8);
  return { widthDots, heightDots, bytesPerRow, data: new Uint8Array(bytesPerRow * heightDots) };
}

export function getDot(bitmap: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= bitmap.widthDots || y >= bitmap.heightDots) return false;
  return ((bitmap.data[y * bitmap.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

/** Fill a rectangle of dots (clipped to the bitmap) black or white. */
export function fillDots(
  bitmap: Bitmap,
  x: number,
  y: number,
  w: number,
  h: number,
  black = true,
): void {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(bitmap.widthDots, Math.floor(x + w));
  const y1 = Math.min(bitmap.heightDots, Math.floor(y + h));
  for (let row = y0; row < y1; row += 1) fillRow(bitmap, row, x0, x1, black);
}

/**
 * Set dots [x0, x1) of one row black or white, a byte at a time between the
 * partial bytes at either end. The caller clips to the bitmap.
 */
export function fillRow(bitmap: Bitmap, row: number, x0: number, x1: number, black: boolean): void {
  if (x1 <= x0) return;
  const data = bitmap.data;
  const base = row * bitmap.bytesPerRow;
  const firstByte = x0 >> 3;
  const lastByte = (x1 - 1) >> 3;
  const headMask = 0xff >> (x0 & 7);
  const tailMask = (0xff00 >> (((x1 - 1) & 7) + 1)) & 0xff;
  if (firstByte === lastByte) {
    const mask = headMask & tailMask;
    const i = base + firstByte;
    data[i] = black ? (data[i] ?? 0) | mask : (data[i] ?? 0) & ~mask;
    return;
  }
  const head = base + firstByte;
  const tail = base + lastByte;
  data[head] = black ? (data[head] ?? 0) | headMask : (data[head] ?? 0) & ~headMask;
  const value = black ? 0xff : 0;
  // Text runs are short: a plain loop beats calling into the fill builtin.
  if (tail - head < 16) for (let i = head + 1; i < tail; i += 1) data[i] = value;
  else data.fill(value, head + 1, tail);
  data[tail] = black ? (data[tail] ?? 0) | tailMask : (data[tail] ?? 0) & ~tailMask;
}

/**
 * Threshold RGBA pixels to 1 bit: dark (luminance < threshold) and opaque → black.
 * Deliberately no dithering: dithered text prints ragged on thermal heads.
 */
export function bitmapFromRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  threshold = 128,
): Bitmap {
  const bitmap = createBitmap(width, height);
  const limit = threshold * 1000;
  for (let y = 0; y < height; y += 1) {
    const rowBase = y * bitmap.bytesPerRow;
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const alpha = rgba[i + 3] ?? 0;
      if (alpha < 128) continue;
      const luminance = 299 * (rgba[i] ?? 0) + 587 * (rgba[i + 1] ?? 0) + 114 * (rgba[i + 2] ?? 0);
      if (luminance < limit) {
        const index = rowBase + (x >> 3);
        bitmap.data[index] = (bitmap.data[index] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return bitmap;
}

/** Encode as a black-and-white PNG (previews, docs, OS printing). */
export function bitmapToPng(bitmap: Bitmap): Buffer {
  const { widthDots: width, heightDots: height, bytesPerRow } = bitmap;
  const gray = Buffer.alloc(width * height, 255);
  for (let y = 0; y < height; y += 1) {
    for (let byteX = 0; byteX < bytesPerRow; byteX += 1) {
      const byte = bitmap.data[y * bytesPerRow + byteX] ?? 0;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit += 1) {
        const x = byteX * 8 + bit;
        if (x < width && (byte & (0x80 >> bit)) !== 0) gray[y * width + x] = 0;
      }
    }
  }
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, bitDepth: 8 });
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}

/** Number of black dots (tests: "something was printed here"). */
export function countBlack(
  bitmap: Bitmap,
  x = 0,
  y = 0,
  w = bitmap.widthDots,
  h = bitmap.heightDots,
): number {
  let count = 0;
  for (let row = y; row < Math.min(y + h, bitmap.heightDots); row += 1) {
    for (let col = x; col < Math.min(x + w, bitmap.widthDots); col += 1)
      if (getDot(bitmap, col, row)) count += 1;
  }
  return count;
}
