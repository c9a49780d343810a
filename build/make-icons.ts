// Generates the app icons (no downloads, no design tools): a green rounded square with a
// white envelope and a shield mark. Run `npx tsx build/make-icons.ts`; the PNG/ICO files
// are committed so packaging needs nothing else.
//   build/icons/<N>x<N>.png  (Linux: deb/AppImage)   build/icon.png (512)   build/icon.ico (Windows)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Rgba = readonly [number, number, number, number];
const GREEN: Rgba = [0, 112, 74, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const GOLD: Rgba = [242, 183, 5, 255];

/** Shape tests in unit coordinates (0..1). Later shapes paint over earlier ones. */
function colourAt(x: number, y: number): Rgba | null {
  const r = 0.18;
  const inSquare = (() => {
    const cx = Math.min(Math.max(x, r), 1 - r);
    const cy = Math.min(Math.max(y, r), 1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  })();
  if (!inSquare) return null;
  let colour: Rgba = GREEN;
  // envelope body and its flap (a V)
  const ex0 = 0.2,
    ex1 = 0.8,
    ey0 = 0.3,
    ey1 = 0.72,
    t = 0.045;
  const inBody = x >= ex0 && x <= ex1 && y >= ey0 && y <= ey1;
  const inInner = x >= ex0 + t && x <= ex1 - t && y >= ey0 + t && y <= ey1 - t;
  if (inBody && !inInner) colour = WHITE;
  const flapY = ey0 + (0.5 - Math.abs(x - 0.5)) * 0.62;
  if (inInner && Math.abs(y - flapY) < t * 0.75) colour = WHITE;
  // shield badge, lower right
  const sx = (x - 0.72) / 0.16,
    sy = (y - 0.7) / 0.19;
  const inShield = sy >= -1 && sy <= 1 && Math.abs(sx) <= (sy < 0.2 ? 1 : 1 - (sy - 0.2) / 0.8);
  if (inShield) colour = GOLD;
  return colour;
}

export function renderIcon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
          );
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += c[3];
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      const coverage = a / 255;
      png.data[i] = coverage ? Math.round(r / coverage) : 0;
      png.data[i + 1] = coverage ? Math.round(g / coverage) : 0;
      png.data[i + 2] = coverage ? Math.round(b / coverage) : 0;
      png.data[i + 3] = Math.round(a / n);
    }
  }
  return PNG.sync.write(png);
}

/** ICO container holding PNG images (valid since Windows Vista). */
export function icoFromPngs(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + i * 16;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(import.meta.dirname, 'icons');
  mkdirSync(dir, { recursive: true });
  const sizes = [16, 32, 48, 64, 128, 256, 512];
  const rendered = sizes.map((size) => ({ size, png: renderIcon(size) }));
  for (const { size, png } of rendered) writeFileSync(join(dir, `${size}x${size}.png`), png);
  writeFileSync(join(import.meta.dirname, 'icon.png'), rendered.at(-1)?.png ?? renderIcon(512));
  writeFileSync(
    join(import.meta.dirname, 'icon.ico'),
    icoFromPngs(rendered.filter((r) => [16, 32, 48, 256].includes(r.size))),
  );
  console.log(`icons written: ${sizes.join(', ')} px, icon.ico`);
}
