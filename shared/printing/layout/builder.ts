// A small cursor-based builder for labels that flow top to bottom (receipts,
// manifests, slips) and helpers shared by the fixed-size waybill layouts.
import type { LabelKind } from '../types.ts';
import type { LabelLayout, LayoutElement, TextAlign, TextElement } from './elements.ts';
import { fitText, wrapText } from './text.ts';

/** Line box height as a multiple of the font size. */
export const LINE_HEIGHT = 1.3;

export interface TextOptions {
  readonly sizeMm: number;
  readonly bold?: boolean;
  readonly align?: TextAlign;
  readonly role?: string;
  readonly invert?: boolean;
}

export function textElement(
  text: string,
  x: number,
  y: number,
  maxWidthMm: number,
  options: TextOptions,
): TextElement {
  const align = options.align ?? 'left';
  const element: TextElement = {
    type: 'text',
    x,
    y,
    text,
    sizeMm: options.sizeMm,
    bold: options.bold ?? false,
    align,
    maxWidthMm,
    ...(options.invert ? { invert: true } : {}),
    ...(options.role === undefined ? {} : { role: options.role }),
  };
  return element;
}

/** x anchor for an aligned text inside [left, left + width]. */
export function anchorX(left: number, width: number, align: TextAlign): number {
  return align === 'left' ? left : align === 'center' ? left + width / 2 : left + width;
}

export class FlowBuilder {
  readonly elements: LayoutElement[] = [];
  y: number;

  constructor(
    readonly kind: LabelKind,
    readonly paperWidthMm: number,
    readonly widthMm: number,
    readonly marginMm: number,
    topMm: number,
  ) {
    this.y = topMm;
  }

  get left(): number {
    return this.marginMm;
  }

  get contentWidth(): number {
    return this.widthMm - 2 * this.marginMm;
  }

  gap(mm: number): this {
    this.y += mm;
    return this;
  }

  /** Wrapped paragraph; every line becomes one text element. */
  paragraph(text: string, options: TextOptions & { maxLines?: number; minSizeMm?: number }): this {
    const width = this.contentWidth;
    const align = options.align ?? 'left';
    const fitted =
      options.maxLines === undefined
        ? { lines: wrapText(text, options.sizeMm, width), sizeMm: options.sizeMm }
        : fitText(
            text,
            options.sizeMm,
            options.minSizeMm ?? options.sizeMm,
            width,
            options.maxLines,
          );
    for (const line of fitted.lines) {
      this.elements.push(
        textElement(line, anchorX(this.left, width, align), this.y, width, {
          ...options,
          sizeMm: fitted.sizeMm,
        }),
      );
      this.y += fitted.sizeMm * LINE_HEIGHT;
    }
    return this;
  }

  /** "label：value" with the value wrapped under itself (hanging indent). */
  field(label: string, value: string, options: TextOptions & { labelWidthMm: number }): this {
    const { labelWidthMm, ...rest } = options;
    this.elements.push(
      textElement(label, this.left, this.y, labelWidthMm, {
        ...rest,
        bold: false,
        role: undefined,
      }),
    );
    const valueWidth = this.contentWidth - labelWidthMm;
    const lines = wrapText(value, options.sizeMm, valueWidth);
    for (const line of lines) {
      this.elements.push(textElement(line, this.left + labelWidthMm, this.y, valueWidth, rest));
      this.y += options.sizeMm * LINE_HEIGHT;
    }
    return this;
  }

  /** Two texts on one line, left and right aligned. */
  row(leftText: string, rightText: string, options: TextOptions & { rightRole?: string }): this {
    const half = this.contentWidth / 2;
    const { rightRole, ...rest } = options;
    this.elements.push(textElement(leftText, this.left, this.y, half, rest));
    this.elements.push(
      textElement(rightText, this.left + this.contentWidth, this.y, half, {
        ...rest,
        align: 'right',
        role: rightRole,
      }),
    );
    this.y += options.sizeMm * LINE_HEIGHT;
    return this;
  }

  rule(options: { thicknessMm?: number; dashed?: boolean; gapMm?: number } = {}): this {
    const gapMm = options.gapMm ?? 1.5;
    this.y += gapMm;
    this.elements.push({
      type: 'line',
      x1: this.left,
      y1: this.y,
      x2: this.left + this.contentWidth,
      y2: this.y,
      thicknessMm: options.thicknessMm ?? 0.3,
      ...(options.dashed ? { dashed: true } : {}),
    });
    this.y += gapMm;
    return this;
  }

  push(...elements: LayoutElement[]): this {
    this.elements.push(...elements);
    return this;
  }

  finish(bottomMarginMm: number): LabelLayout {
    return {
      kind: this.kind,
      widthMm: this.widthMm,
      heightMm: Math.ceil(this.y + bottomMarginMm),
      paperWidthMm: this.paperWidthMm,
      continuous: true,
      elements: this.elements,
    };
  }
}

/** Printable width of an 80 mm roll: 72 mm = 576 dots at 203 dpi. */
export const ROLL80_PRINTABLE_MM = 72;
