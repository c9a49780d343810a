// Layout + raster (+ encode) time per label kind. Measures, asserts nothing:
//   npx tsx electron/printing/bench-raster.ts [iterations] [dpi]
// One label repeated, so every text line comes from the raster's ink cache after the
// first: the best case. `npm run bench -- print` measures different labels.
import { layoutLabel } from '../../shared/printing/layout/index.ts';
import { LABEL_KINDS } from '../../shared/printing/types.ts';
import { unwrap } from '../../shared/result.ts';
import { encodeEscposLabel } from './drivers/escpos.ts';
import { encodeTsplLabel } from './drivers/tspl.ts';
import { loadFonts } from './raster/fonts.ts';
import { rasterise } from './raster/render.ts';
import { sampleLabel } from './samples.ts';

const iterations = Number(process.argv[2] ?? 50);
const dpi = Number(process.argv[3] ?? 203);
const fonts = unwrap(loadFonts());

function timeMs(task: () => void): number {
  const start = process.hrtime.bigint();
  task();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const rows: Array<Record<string, string | number>> = [];
for (const kind of LABEL_KINDS) {
  const label = sampleLabel(kind);
  // Warm up (font loading, JIT).
  rasterise(unwrap(layoutLabel(label)), { dpi, fonts });
  let layoutMs = 0;
  let rasterMs = 0;
  let escposMs = 0;
  let tsplMs = 0;
  for (let i = 0; i < iterations; i += 1) {
    let layout = unwrap(layoutLabel(label));
    layoutMs += timeMs(() => (layout = unwrap(layoutLabel(label))));
    let bitmap = unwrap(rasterise(layout, { dpi, fonts }));
    rasterMs += timeMs(() => (bitmap = unwrap(rasterise(layout, { dpi, fonts }))));
    escposMs += timeMs(() => encodeEscposLabel(bitmap));
    tsplMs += timeMs(() =>
      encodeTsplLabel(bitmap, {
        widthMm: layout.paperWidthMm,
        heightMm: layout.heightMm,
        gapMm: 2,
        density: 8,
      }),
    );
  }
  rows.push({
    kind,
    dpi,
    'layout ms': +(layoutMs / iterations).toFixed(3),
    'raster ms': +(rasterMs / iterations).toFixed(2),
    'escpos ms': +(escposMs / iterations).toFixed(2),
    'tspl ms': +(tsplMs / iterations).toFixed(2),
  });
}
console.table(rows);
