// Renders every label kind with synthetic data to docs/labels/*.png:
//   npx tsx electron/printing/render-samples.ts [outDir] [dpi]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LABEL_KINDS } from '../../shared/printing/types.ts';
import { errorText } from '../../shared/result.ts';
import { loadFonts, renderLabel, renderPng } from './raster/index.ts';
import { sampleLabel } from './samples.ts';

const outDir = process.argv[2] ?? 'docs/labels';
const dpi = Number(process.argv[3] ?? 203);
const fonts = loadFonts();
if (!fonts.ok) {
  console.error(errorText(fonts.error));
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
for (const kind of LABEL_KINDS) {
  const rendered = renderLabel(sampleLabel(kind), dpi, fonts.value);
  if (!rendered.ok) {
    console.error(`${kind}: ${errorText(rendered.error)}`);
    process.exitCode = 1;
    continue;
  }
  const file = path.join(outDir, `${kind}${dpi === 203 ? '' : `-${dpi}dpi`}.png`);
  writeFileSync(file, renderPng(rendered.value.bitmap));
  console.log(
    `${file}  ${rendered.value.bitmap.widthDots}×${rendered.value.bitmap.heightDots} dots`,
  );
}
