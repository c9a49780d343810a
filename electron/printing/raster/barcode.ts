// Barcode symbols as exact module patterns (bwip-js `raw`), drawn dot-for-dot so
// bar widths are whole dots: no scaling blur, no rounding drift across the symbol.
import bwipjs from 'bwip-js';
import { fail, ok, type Result } from '../../../shared/result.ts';

/** Bars and spaces in modules, starting with a bar. */
export interface LinearPattern {
  readonly widths: readonly number[];
  readonly totalModules: number;
}

export interface MatrixPattern {
  readonly size: number;
  /** Row-major, 1 = dark module. */
  readonly modules: readonly number[];
}

export function code128Pattern(data: string): Result<LinearPattern> {
  try {
    const [symbol] = bwipjs.raw('code128', data, {});
    if (symbol === undefined || !('sbs' in symbol)) throw new Error('no pattern');
    const widths = symbol.sbs;
    return ok({ widths, totalModules: widths.reduce((a, b) => a + b, 0) });
  } catch {
    return fail('BARCODE_ENCODE', '条码内容无法编码', 'Barcode content cannot be encoded');
  }
}

export function qrPattern(data: string, ecLevel: 'L' | 'M' | 'Q' | 'H'): Result<MatrixPattern> {
  try {
    const [symbol] = bwipjs.raw('qrcode', data, `eclevel=${ecLevel}`);
    if (symbol === undefined || !('pixs' in symbol)) throw new Error('no matrix');
    return ok({ size: symbol.pixx, modules: symbol.pixs });
  } catch {
    return fail('BARCODE_ENCODE', '二维码内容无法编码', 'QR content cannot be encoded');
  }
}
