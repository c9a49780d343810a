// A synthetic ~30 KB portrait JPEG (358×441, the resident-ID photo size): a smooth face-like
// gradient plus fine noise, so the encoder produces a realistic size. Node only (jpeg-js).
import jpeg from 'jpeg-js';
import { prng } from './synthetic.ts';

export const PHOTO_WIDTH = 358;
export const PHOTO_HEIGHT = 441;

function render(seed: number): Buffer {
  const r = prng(seed);
  const data = Buffer.alloc(PHOTO_WIDTH * PHOTO_HEIGHT * 4);
  const cx = PHOTO_WIDTH / 2;
  const cy = PHOTO_HEIGHT * 0.42;
  for (let y = 0; y < PHOTO_HEIGHT; y += 1) {
    for (let x = 0; x < PHOTO_WIDTH; x += 1) {
      const dx = (x - cx) / (PHOTO_WIDTH * 0.28);
      const dy = (y - cy) / (PHOTO_HEIGHT * 0.3);
      const inside = dx * dx + dy * dy < 1 || (y > PHOTO_HEIGHT * 0.7 && Math.abs(x - cx) < 150);
      const noise = (r() - 0.5) * 36;
      const i = (y * PHOTO_WIDTH + x) * 4;
      const base = inside ? [224, 180, 150] : [255, 255, 255];
      data[i] = Math.max(0, Math.min(255, (base[0] ?? 0) + (inside ? noise : noise / 6)));
      data[i + 1] = Math.max(0, Math.min(255, (base[1] ?? 0) + (inside ? noise : noise / 6)));
      data[i + 2] = Math.max(0, Math.min(255, (base[2] ?? 0) + (inside ? noise : noise / 6)));
      data[i + 3] = 255;
    }
  }
  return data;
}

/** The JPEG whose size is closest to the target (default 30 KB) over a quality sweep. */
export function syntheticPortrait(targetBytes = 30 * 1024, seed = 1): Uint8Array {
  const pixels = render(seed);
  let best: Uint8Array | null = null;
  for (let quality = 30; quality <= 95; quality += 5) {
    const encoded = jpeg.encode(
      { data: pixels, width: PHOTO_WIDTH, height: PHOTO_HEIGHT },
      quality,
    );
    const bytes = new Uint8Array(encoded.data);
    if (
      best === null ||
      Math.abs(bytes.length - targetBytes) < Math.abs(best.length - targetBytes)
    ) {
      best = bytes;
    }
  }
  if (best === null) throw new Error('no JPEG encoded');
  return best;
}
