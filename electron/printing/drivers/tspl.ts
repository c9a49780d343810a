// TSPL raster encoder (pure) for label printers (TSC, Xprinter, Gprinter…):
// SIZE, GAP, DIRECTION, DENSITY, CLS, one BITMAP of the whole label, PRINT 1,1.
// TSPL bitmap bits are inverted compared with ESC/POS: 1 = white, 0 = print.
import type { PaperState, PrinterFault } from '../../../shared/printing/types.ts';
import type { Bitmap } from '../raster/bitmap.ts';
import { concatBytes } from './escpos.ts';

/** <ESC>!? — immediate status query (one byte back). */
export const TSPL_STATUS_QUERY = Uint8Array.of(0x1b, 0x21, 0x3f);

export interface TsplOptions {
  readonly widthMm: number;
  readonly heightMm: number;
  /** Gap between die-cut labels; 0 for continuous media. */
  readonly gapMm: number;
  /** 0–15. */
  readonly density: number;
  /** Left offset of the bitmap in dots (centres a 72 mm roll image on 80 mm paper). */
  readonly xDots?: number;
}

const ascii = (text: string) => new TextEncoder().encode(text);

function mm(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function encodeTsplLabel(bitmap: Bitmap, options: TsplOptions): Uint8Array {
  const head = [
    `SIZE ${mm(options.widthMm)} mm,${mm(options.heightMm)} mm`,
    `GAP ${mm(options.gapMm)} mm,0 mm`,
    'DIRECTION 1,0',
    'REFERENCE 0,0',
    `DENSITY ${Math.round(options.density)}`,
    'CLS',
    `BITMAP ${options.xDots ?? 0},0,${bitmap.bytesPerRow},${bitmap.heightDots},0,`,
  ].join('\r\n');
  const data = new Uint8Array(bitmap.data.length);
  for (let i = 0; i < data.length; i += 1) data[i] = ~(bitmap.data[i] ?? 0) & 0xff;
  // Pad bits beyond the bitmap width stay white (1 after inversion): nothing to do.
  return concatBytes([ascii(head), data, ascii('\r\nPRINT 1,1\r\n')]);
}

const FAULT_BITS: ReadonlyArray<readonly [number, PrinterFault]> = [
  [0x01, 'head_open'],
  [0x02, 'paper_jam'],
  [0x08, 'ribbon_out'],
  [0x10, 'paused'],
  [0x40, 'cover_open'],
  [0x80, 'other_error'],
];

/** Decode the <ESC>!? status byte (0x04 = out of paper; 0x20 = printing is not a fault). */
export function parseTsplStatus(byte: number): { paper: PaperState; faults: PrinterFault[] } {
  const faults = FAULT_BITS.filter(([bit]) => (byte & bit) !== 0).map(([, fault]) => fault);
  return { paper: (byte & 0x04) !== 0 ? 'out' : 'ok', faults };
}
