// A label is laid out once, in millimetres, as a flat list of drawing elements.
// Rendering (raster at the printer's dpi, PNG preview) is someone else's job.
import type { LabelKind } from '../types.ts';

export type TextAlign = 'left' | 'center' | 'right';

export interface TextElement {
  readonly type: 'text';
  /** Anchor: left edge, centre or right edge, per `align`. */
  readonly x: number;
  /** Top of the line box. */
  readonly y: number;
  readonly text: string;
  /** Font em size in mm (≈ the height of a CJK character). */
  readonly sizeMm: number;
  readonly bold: boolean;
  readonly align: TextAlign;
  /** The renderer squeezes the line horizontally rather than overflow this. */
  readonly maxWidthMm: number;
  /** White text (drawn on a filled box). */
  readonly invert?: boolean;
  /** What the text is, for tests and previews, e.g. 'recipient.name'. */
  readonly role?: string;
}

export interface Code128Element {
  readonly type: 'code128';
  /** Left edge of the area the bars (quiet zones included) must fit in. */
  readonly x: number;
  readonly y: number;
  readonly maxWidthMm: number;
  /** Bar height; ≥ 12.5 mm for postal scanners on waybills. */
  readonly heightMm: number;
  /** ASCII only. */
  readonly data: string;
  readonly role?: string;
}

export interface QrElement {
  readonly type: 'qr';
  /** Left edge of the square (quiet zone included). */
  readonly x: number;
  readonly y: number;
  readonly sizeMm: number;
  /** ASCII only: non-ASCII QR content is miscounted by common printer firmware. */
  readonly data: string;
  readonly ecLevel: 'L' | 'M' | 'Q' | 'H';
  readonly role?: string;
}

/** A horizontal or vertical rule. */
export interface LineElement {
  readonly type: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly thicknessMm: number;
  readonly dashed?: boolean;
}

export interface BoxElement {
  readonly type: 'box';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly thicknessMm: number;
  readonly fill: boolean;
}

export type LayoutElement = TextElement | Code128Element | QrElement | LineElement | BoxElement;

export interface LabelLayout {
  readonly kind: LabelKind;
  /** Printable width. An 80 mm roll prints 72 mm (576 dots at 203 dpi). */
  readonly widthMm: number;
  readonly heightMm: number;
  /** Paper width the label is designed for (80 for rolls, 100/76 for labels). */
  readonly paperWidthMm: number;
  /** Continuous roll (cut after) rather than die-cut labels with a gap. */
  readonly continuous: boolean;
  readonly elements: readonly LayoutElement[];
}

/** Every text on the layout, for privacy checks and search. */
export function layoutTexts(layout: LabelLayout): string[] {
  const out: string[] = [];
  for (const element of layout.elements) {
    if (element.type === 'text') out.push(element.text);
    else if (element.type === 'code128' || element.type === 'qr') out.push(element.data);
  }
  return out;
}
