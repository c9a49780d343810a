// One normalisation for every identifier a clerk types or a scanner reads, so
// "京A·12345", "京a 12345" and full-width "京Ａ１２３４５" all compare equal.

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space → half-width: Chinese IMEs emit them. */
export function toHalfWidth(input: string): string {
  return input.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

// Whitespace, middle dots (· ・ • ‧ ･) and dashes (- ‐ ‑ ‒ – — ―) that people put between groups.
const SEPARATORS = /[\s\u00B7\u30FB\u2022\u2027\uFF65\u002D\u2010-\u2015]/g;

/** Half-width, separators removed, upper-case. Never throws; `''` for blank input. */
export function normalizeIdentifier(input: string): string {
  return toHalfWidth(input).replace(SEPARATORS, '').toUpperCase();
}
