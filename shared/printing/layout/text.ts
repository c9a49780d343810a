// Text fitting without font metrics (shared/ has no fonts): a deliberately
// generous width estimate per code point, so lines the layout accepts fit when
// rendered. The renderer still squeezes any line that would overflow.

/** Estimated advance width of one code point, in em. */
export function codePointWidthEm(codePoint: number): number {
  if (codePoint === 0x20) return 0.3;
  if (codePoint < 0x7f) return codePoint >= 0x30 && codePoint <= 0x39 ? 0.58 : 0.64;
  // Fullwidth, CJK, Hangul, kana and anything else: one em.
  return 1;
}

export function estimateWidthMm(text: string, sizeMm: number): number {
  let em = 0;
  for (const char of text) em += codePointWidthEm(char.codePointAt(0) ?? 0);
  return em * sizeMm;
}

const NO_LINE_START = /^[，。、；：！？）》」』】〉,.;:!?)\]}%…·]/u;
const NO_LINE_END = /[（《「『【〈([{]/u;

/**
 * Greedy wrap by code point (CJK has no word spaces; never split a surrogate
 * pair). Runs of ASCII letters/digits are kept together when they fit on a line.
 */
export function wrapText(text: string, sizeMm: number, maxWidthMm: number): string[] {
  const tokens = text.match(/[A-Za-z0-9@._\-/:]+|\s+|./gsu) ?? [];
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
    width = 0;
  };
  for (const token of tokens) {
    const tokenWidth = estimateWidthMm(token, sizeMm);
    // Kinsoku: closing punctuation never starts a line; it may overhang (the
    // renderer squeezes the line back into its width).
    if (width + tokenWidth <= maxWidthMm || (line !== '' && NO_LINE_START.test(token))) {
      line += token;
      width += tokenWidth;
      continue;
    }
    if (/^\s+$/u.test(token)) {
      push();
      continue;
    }
    if (tokenWidth <= maxWidthMm) {
      // Opening punctuation never ends a line: carry it over with the token.
      const carry = NO_LINE_END.test(line.slice(-1)) ? line.slice(-1) : '';
      if (carry !== '') line = line.slice(0, -1);
      if (line !== '') push();
      line = carry + token;
      width = estimateWidthMm(line, sizeMm);
      continue;
    }
    // A token longer than a line: break it by code point.
    for (const char of token) {
      const w = estimateWidthMm(char, sizeMm);
      if (width + w > maxWidthMm && line !== '') push();
      line += char;
      width += w;
    }
  }
  if (line !== '' || lines.length === 0) push();
  return lines;
}

export interface FittedText {
  readonly lines: readonly string[];
  readonly sizeMm: number;
}

/**
 * Fit text into at most `maxLines` lines, shrinking from `sizeMm` down to
 * `minSizeMm`; if it still does not fit, the last line ends with '…'.
 */
export function fitText(
  text: string,
  sizeMm: number,
  minSizeMm: number,
  maxWidthMm: number,
  maxLines: number,
): FittedText {
  for (let size = sizeMm; size >= minSizeMm - 1e-9; size -= 0.25) {
    const lines = wrapText(text, size, maxWidthMm);
    if (lines.length <= maxLines) return { lines, sizeMm: size };
  }
  const lines = wrapText(text, minSizeMm, maxWidthMm).slice(0, maxLines);
  const last = lines[lines.length - 1] ?? '';
  const chars = Array.from(last);
  while (chars.length > 0 && estimateWidthMm(chars.join('') + '…', minSizeMm) > maxWidthMm)
    chars.pop();
  lines[lines.length - 1] = chars.join('') + '…';
  return { lines, sizeMm: minSizeMm };
}

/** True if every character is printable ASCII (barcode and QR content). */
export function isPrintableAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/u.test(text);
}
