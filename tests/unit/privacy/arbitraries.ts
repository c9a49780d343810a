import fc from 'fast-check';

export const RUNS = { numRuns: 1000 } as const;

/** CJK ideographs: the basic block, extension A (䶮 U+4DAE) and extension B (𠮷 U+20BB7, astral). */
export const ideographArb = fc
  .oneof(
    fc.integer({ min: 0x4e00, max: 0x9fff }),
    fc.integer({ min: 0x3400, max: 0x4dbf }),
    fc.integer({ min: 0x20000, max: 0x2a6df }),
  )
  .map((cp) => String.fromCodePoint(cp));

/** Any UTF-16 code unit, including unpaired surrogates (corrupt input). */
export const codeUnitArb = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

/** Unpaired surrogates → U+FFFD, as the masks do. */
export const toWellFormed = (text: string): string =>
  text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });
export const graphemeCount = (text: string): number => Array.from(segmenter.segment(text)).length;
