import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import {
  encodeEscposLabel,
  ESCPOS_FEED_AND_CUT,
  gsv0Band,
  parseEscposPaperStatus,
} from '../../../electron/printing/drivers/escpos.ts';
import { encodeTsplLabel, parseTsplStatus } from '../../../electron/printing/drivers/tspl.ts';
import { bitmapToPng, createBitmap, fillDots } from '../../../electron/printing/raster/bitmap.ts';

function testBitmap(width: number, height: number) {
  const bitmap = createBitmap(width, height);
  fillDots(bitmap, 0, 0, 3, height); // left stripe
  fillDots(bitmap, width - 5, 1, 5, 1); // one short line at the right edge
  return bitmap;
}

describe('ESC/POS encoder', () => {
  it('matches node-thermal-printer GS v 0 output for the same image', async () => {
    const bitmap = testBitmap(21, 5);
    const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '/dev/null' });
    const theirs = await printer.printImageBuffer(bitmapToPng(bitmap));
    const ours = Buffer.from(gsv0Band(bitmap, 0, 5));
    // Mode m: they send 48 ('0'), we send 0 — the same mode (0–3 ≡ 48–51).
    expect([ours[3], theirs[3]]).toEqual([0, 48]);
    expect(ours.subarray(4).equals(theirs.subarray(4))).toBe(true);
    expect(ours.subarray(0, 3).equals(theirs.subarray(0, 3))).toBe(true);
  });

  it('bands tall images, initialises first and cuts last', () => {
    const bitmap = testBitmap(576, 600);
    const bytes = encodeEscposLabel(bitmap, { bandRows: 256 });
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect([...bytes.subarray(-4)]).toEqual([...ESCPOS_FEED_AND_CUT]);
    const headers: number[][] = [];
    for (let i = 0; i < bytes.length - 7; i += 1) {
      if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
        headers.push([...bytes.subarray(i + 3, i + 8)]);
        i += 7 + 72 * ((bytes[i + 6] ?? 0) + (bytes[i + 7] ?? 0) * 256);
      }
    }
    expect(headers).toEqual([
      [0, 72, 0, 0, 1],
      [0, 72, 0, 0, 1],
      [0, 72, 0, 88, 0],
    ]);
    expect(bytes.length).toBe(2 + 3 * 8 + 72 * 600 + 4);
  });

  it('reads the DLE EOT 4 paper sensor byte', () => {
    expect(parseEscposPaperStatus(0x12)).toBe('ok');
    expect(parseEscposPaperStatus(0x1e)).toBe('near_end');
    expect(parseEscposPaperStatus(0x72)).toBe('out');
    expect(parseEscposPaperStatus(0x7e)).toBe('out');
    expect(parseEscposPaperStatus(0x00)).toBeNull();
    expect(parseEscposPaperStatus(0xff)).toBeNull();
  });
});

describe('TSPL encoder', () => {
  it('writes SIZE/GAP/DENSITY/CLS, an inverted BITMAP and PRINT', () => {
    const bitmap = testBitmap(16, 2);
    const bytes = encodeTsplLabel(bitmap, { widthMm: 100, heightMm: 150, gapMm: 2, density: 8 });
    const text = Buffer.from(bytes).toString('latin1');
    expect(
      text.startsWith(
        'SIZE 100 mm,150 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 1,0\r\nREFERENCE 0,0\r\nDENSITY 8\r\nCLS\r\nBITMAP 0,0,2,2,0,',
      ),
    ).toBe(true);
    expect(text.endsWith('\r\nPRINT 1,1\r\n')).toBe(true);
    const start = text.indexOf('BITMAP 0,0,2,2,0,') + 'BITMAP 0,0,2,2,0,'.length;
    // Row 0: 3 black dots at the left → 0b00011111 0b11111111 after inversion (1 = white).
    expect([...bytes.subarray(start, start + 4)]).toEqual([0x1f, 0xff, 0x1f, 0xe0]);
  });

  it('reads the <ESC>!? status byte', () => {
    expect(parseTsplStatus(0x00)).toEqual({ paper: 'ok', faults: [] });
    expect(parseTsplStatus(0x04)).toEqual({ paper: 'out', faults: [] });
    expect(parseTsplStatus(0x20)).toEqual({ paper: 'ok', faults: [] });
    expect(parseTsplStatus(0x41)).toEqual({ paper: 'ok', faults: ['head_open', 'cover_open'] });
  });
});
