// Child process of the print benchmark: the first label of one kind in a fresh
// process — module loading (Skia addon, bwip-js, qrcode), font registration,
// first layout and first raster, each timed. Answers over the IPC channel.
import { LABEL_KINDS, type LabelKind } from '../../shared/printing/types.ts';

export interface ColdLabel {
  /** Importing layout, raster and barcode modules (native canvas addon included). */
  importMs: number;
  loadFontsMs: number;
  layoutMs: number;
  rasterMs: number;
  /** Everything from the first import to the finished bitmap. */
  totalMs: number;
}

async function main(kind: LabelKind): Promise<ColdLabel> {
  const t0 = performance.now();
  const [{ layoutLabel }, { loadFonts }, { rasterise }, { labelVariant }] = await Promise.all([
    import('../../shared/printing/layout/index.ts'),
    import('../../electron/printing/raster/fonts.ts'),
    import('../../electron/printing/raster/render.ts'),
    import('./label-variants.ts'),
  ]);
  const t1 = performance.now();
  const fonts = loadFonts();
  const t2 = performance.now();
  if (!fonts.ok) throw new Error(fonts.error.messageEn);
  const layout = layoutLabel(labelVariant(kind, 0));
  const t3 = performance.now();
  if (!layout.ok) throw new Error(layout.error.messageEn);
  const bitmap = rasterise(layout.value, { dpi: 203, fonts: fonts.value });
  const t4 = performance.now();
  if (!bitmap.ok) throw new Error(bitmap.error.messageEn);
  return {
    importMs: t1 - t0,
    loadFontsMs: t2 - t1,
    layoutMs: t3 - t2,
    rasterMs: t4 - t3,
    totalMs: t4 - t0,
  };
}

const kind = LABEL_KINDS.find((k) => k === process.argv[2]);
if (kind === undefined) throw new Error(`usage: print-cold.ts ${LABEL_KINDS.join('|')}`);
main(kind).then(
  (cold) => process.send?.(cold),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
