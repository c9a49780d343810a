// Driver = how a printer wants a raster label and how it reports status.
import type { PaperState, PrinterConfig, PrinterFault } from '../../../shared/printing/types.ts';
import type { LabelLayout } from '../../../shared/printing/layout/elements.ts';
import type { Bitmap } from '../raster/bitmap.ts';
import { mmToDots } from '../raster/units.ts';
import { encodeEscposLabel, ESCPOS_PAPER_STATUS, parseEscposPaperStatus } from './escpos.ts';
import { encodeTsplLabel, parseTsplStatus, TSPL_STATUS_QUERY } from './tspl.ts';

export interface StatusReport {
  readonly paper: PaperState;
  readonly faults: readonly PrinterFault[];
}

export interface RasterDriver {
  readonly kind: 'escpos' | 'tspl';
  encode(bitmap: Bitmap, layout: LabelLayout, config: PrinterConfig): Uint8Array;
  /** Real-time status query; answered by the printer as soon as it reads it. */
  readonly statusQuery: Uint8Array;
  /** null when the reply is not a status byte of this language. */
  parseStatus(reply: Uint8Array): StatusReport | null;
}

export const escposDriver: RasterDriver = {
  kind: 'escpos',
  encode: (bitmap, layout, config) =>
    // Die-cut labels on an ESC/POS printer: no cut, feed the gap instead.
    layout.continuous
      ? encodeEscposLabel(bitmap, { cut: true })
      : encodeEscposLabel(bitmap, {
          cut: false,
          feedDots: mmToDots(config.gapMm ?? 2, config.dpi),
        }),
  statusQuery: ESCPOS_PAPER_STATUS,
  parseStatus: (reply) => {
    const byte = reply[reply.length - 1];
    const paper = byte === undefined ? null : parseEscposPaperStatus(byte);
    return paper === null ? null : { paper, faults: [] };
  },
};

export const tsplDriver: RasterDriver = {
  kind: 'tspl',
  encode: (bitmap, layout, config) =>
    encodeTsplLabel(bitmap, {
      widthMm: layout.paperWidthMm,
      xDots: mmToDots((layout.paperWidthMm - layout.widthMm) / 2, config.dpi),
      heightMm: layout.heightMm,
      gapMm: layout.continuous ? 0 : (config.gapMm ?? 2),
      density: config.density ?? 8,
    }),
  statusQuery: TSPL_STATUS_QUERY,
  parseStatus: (reply) => {
    const byte = reply[reply.length - 1];
    return byte === undefined ? null : parseTsplStatus(byte);
  },
};

export function rasterDriverFor(config: PrinterConfig): RasterDriver | null {
  return config.driver === 'escpos' ? escposDriver : config.driver === 'tspl' ? tsplDriver : null;
}
