// A one-page PDF of a rendered label, sized to the label in millimetres. Both hosts use it
// (the browser host cannot reach Electron's printToPDF), so the output is the same.
import { PDFDocument } from 'pdf-lib';

const POINTS_PER_INCH = 72;

export interface LabelImage {
  readonly png: Uint8Array;
  readonly widthDots: number;
  readonly heightDots: number;
  readonly dpi: number;
}

export function labelSizeMm(image: LabelImage): { widthMm: number; heightMm: number } {
  return {
    widthMm: (image.widthDots / image.dpi) * 25.4,
    heightMm: (image.heightDots / image.dpi) * 25.4,
  };
}

export async function labelPdf(image: LabelImage, title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setCreator('Waypost 警邮通');
  pdf.setProducer('Waypost 警邮通');
  const width = (image.widthDots / image.dpi) * POINTS_PER_INCH;
  const height = (image.heightDots / image.dpi) * POINTS_PER_INCH;
  const page = pdf.addPage([width, height]);
  const png = await pdf.embedPng(image.png);
  page.drawImage(png, { x: 0, y: 0, width, height });
  return pdf.save();
}
