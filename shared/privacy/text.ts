// Masking must never cut a character in half: rare name characters such as 𠮷 are
// surrogate pairs in UTF-16, and ideographic variation sequences (base + selector)
// or combining marks belong with their base. So masks work on user-perceived
// characters (grapheme clusters), falling back to code points where Intl.Segmenter
// is missing; either way no surrogate pair is ever split.

const segmenter =
  typeof Intl === 'object' && typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter('zh', { granularity: 'grapheme' })
    : null;

// Han ideographs never combine with each other, so pure-Han text (most names) can
// skip the segmenter, which costs ~10 µs a call.
const ONLY_HAN = /^\p{Script=Han}*$/u;

/** The user-perceived characters of `text`. */
export function characters(text: string): string[] {
  if (segmenter === null || ONLY_HAN.test(text)) return Array.from(text);
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces unpaired surrogates (corrupt input) with U+FFFD so output is well-formed UTF-16. */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

export const MASK_CHAR = '*';
