// A generic titled slip on an 80 mm roll: van shift-start/shift-end slips,
// daily reports. Short ASCII ids print as CODE128, longer ones as a QR code.
import type { LabelLayout } from './elements.ts';
import type { SlipData } from '../types.ts';
import { FlowBuilder, ROLL80_PRINTABLE_MM } from './builder.ts';
import { isPrintableAscii } from './text.ts';
import { formatDateTime } from './time.ts';

/** Longest id that still prints CODE128 with ≥ 0.25 mm modules across 72 mm. */
export const SLIP_CODE128_MAX_CHARS = 16;

export function layoutSlip(data: SlipData): LabelLayout {
  const b = new FlowBuilder('slip80', 80, ROLL80_PRINTABLE_MM, 1.5, 2);
  b.paragraph(data.title, {
    sizeMm: 5.5,
    bold: true,
    align: 'center',
    role: 'title',
    maxLines: 2,
    minSizeMm: 4,
  });
  if (data.subtitle !== undefined && data.subtitle !== '') {
    b.paragraph(data.subtitle, { sizeMm: 3.5, align: 'center', role: 'subtitle' });
  }
  b.paragraph(formatDateTime(data.printedAt), {
    sizeMm: 3,
    align: 'center',
    role: 'printedAt',
  }).rule({
    thicknessMm: 0.4,
  });
  for (const line of data.lines) {
    const options = { sizeMm: 3.5, bold: line.bold ?? false, role: 'line' };
    if (line.label === undefined || line.label === '') b.paragraph(line.value, options);
    else b.field(line.label, line.value, { ...options, labelWidthMm: 22 });
  }
  if (data.barcode !== undefined && data.barcode !== '' && isPrintableAscii(data.barcode)) {
    b.rule({ dashed: true });
    if (data.barcode.length <= SLIP_CODE128_MAX_CHARS) {
      b.push({
        type: 'code128',
        x: b.left,
        y: b.y,
        maxWidthMm: b.contentWidth,
        heightMm: 10,
        data: data.barcode,
        role: 'barcode',
      });
      b.gap(11);
    } else {
      const size = 22;
      b.push({
        type: 'qr',
        x: b.left + (b.contentWidth - size) / 2,
        y: b.y,
        sizeMm: size,
        data: data.barcode,
        ecLevel: 'M',
        role: 'barcode',
      });
      b.gap(size + 0.5);
    }
    b.paragraph(data.barcode, { sizeMm: 3, align: 'center', role: 'barcodeText' });
  }
  if (data.signatures !== undefined && data.signatures.length > 0) {
    b.rule();
    for (const who of data.signatures) b.paragraph(`${who}签名：`, { sizeMm: 3.5 }).gap(4);
  }
  if (data.footer !== undefined && data.footer !== '') {
    b.rule({ dashed: true }).paragraph(data.footer, { sizeMm: 3, align: 'center', role: 'footer' });
  }
  return b.finish(6);
}
