import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkBackground,
  fitJpegQuality,
  guideRect,
  type RgbaImage,
} from '../../../renderer/features/photos/image-math.ts';
import {
  applyHomography,
  homography,
  straightenedSize,
  warpQuad,
  type Quad,
} from '../../../renderer/features/photos/perspective.ts';

function image(
  width: number,
  height: number,
  paint: (x: number, y: number) => number[],
): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      data.set([...paint(x, y), 255].slice(0, 4), (y * width + x) * 4);
  return { width, height, data };
}

describe('guide rectangle', () => {
  it('keeps the spec aspect and stays inside the frame', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 4000 }),
        fc.integer({ min: 100, max: 4000 }),
        fc.constantFrom([358, 441], [260, 378], [354, 472]),
        (sw, sh, [aw = 1, ah = 1]) => {
          const r = guideRect(sw, sh, aw, ah);
          expect(r.x).toBeGreaterThanOrEqual(0);
          expect(r.y).toBeGreaterThanOrEqual(0);
          expect(r.x + r.width).toBeLessThanOrEqual(sw);
          expect(r.y + r.height).toBeLessThanOrEqual(sh);
          expect(Math.abs(r.width / r.height - aw / ah)).toBeLessThan(0.02 + 2 / r.height);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('white background check', () => {
  const portrait = (bg: number[]) =>
    image(358, 441, (x, y) => {
      const inHead = ((x - 179) / 80) ** 2 + ((y - 180) / 105) ** 2 <= 1;
      const inBody = y > 330 && Math.abs(x - 179) < 150;
      return inHead ? [200, 160, 130] : inBody ? [30, 40, 70] : bg;
    });

  it('accepts a portrait on white', () => {
    expect(checkBackground(portrait([250, 250, 250]), 'white').ok).toBe(true);
  });
  it('rejects blue and grey backdrops', () => {
    expect(checkBackground(portrait([60, 120, 220]), 'white').ok).toBe(false);
    expect(checkBackground(portrait([170, 170, 170]), 'white').ok).toBe(false);
  });
  it('is more lenient for light backgrounds where the spec allows them', () => {
    expect(checkBackground(portrait([222, 222, 222]), 'white_or_light').ok).toBe(true);
  });
});

describe('JPEG size search', () => {
  const linear = (bytesAtFull: number) => async (q: number) => Math.round(bytesAtFull * q);

  it('finds the highest quality inside the byte window', async () => {
    const fit = await fitJpegQuality(linear(40_000), 14 * 1024, 20 * 1024);
    expect(fit.fits).toBe(true);
    expect(fit.bytes).toBeLessThanOrEqual(20 * 1024);
    expect(fit.bytes).toBeGreaterThanOrEqual(14 * 1024);
    // One percent more would overflow.
    expect(40_000 * (fit.quality + 0.01)).toBeGreaterThan(20 * 1024);
  });
  it('reports a photo too plain to reach the minimum', async () => {
    expect(await fitJpegQuality(linear(10_000), 14 * 1024, 20 * 1024)).toMatchObject({
      fits: false,
      problem: 'too_small',
    });
  });
  it('reports a photo too busy to fit', async () => {
    const fit = await fitJpegQuality(linear(500_000), 14 * 1024, 20 * 1024);
    expect(fit).toMatchObject({ fits: false, problem: 'too_large' });
  });
  it('always lands inside the window when a quality can', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 25_000, max: 60_000 }), async (full) => {
        const fit = await fitJpegQuality(linear(full), 14 * 1024, 20 * 1024);
        expect(fit.fits).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('rubbing straightening', () => {
  const quad: Quad = [
    { x: 30, y: 20 },
    { x: 170, y: 40 },
    { x: 160, y: 110 },
    { x: 20, y: 90 },
  ];

  it('maps the four corners exactly', () => {
    const target: Quad = [
      { x: 0, y: 0 },
      { x: 99, y: 0 },
      { x: 99, y: 49 },
      { x: 0, y: 49 },
    ];
    const h = homography(quad, target);
    expect(h).not.toBeNull();
    for (let i = 0; i < 4; i++) {
      const p = applyHomography(h ?? [], quad[i] as Quad[number]);
      expect(p.x).toBeCloseTo(target[i]?.x ?? NaN, 6);
      expect(p.y).toBeCloseTo(target[i]?.y ?? NaN, 6);
    }
  });

  it('returns null for degenerate corners', () => {
    const p = { x: 5, y: 5 };
    expect(homography([p, p, p, p], quad)).toBeNull();
  });

  it('turns a skewed dark quadrilateral into a filled upright rectangle', () => {
    // Dark inside the quad, white outside: after warping, every pixel should be dark.
    const inside = (x: number, y: number) => {
      const cross = (a: Quad[number], b: Quad[number]) =>
        (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
      return [0, 1, 2, 3].every(
        (i) => cross(quad[i] as Quad[number], quad[(i + 1) % 4] as Quad[number]) >= 0,
      );
    };
    const src = image(200, 130, (x, y) => (inside(x, y) ? [10, 10, 10] : [255, 255, 255]));
    const { width, height } = straightenedSize(quad);
    const out = warpQuad(src, quad, width, height);
    expect(out).not.toBeNull();
    let dark = 0;
    for (let i = 0; i < width * height; i++) if ((out?.[i * 4] ?? 255) < 128) dark++;
    expect(dark / (width * height)).toBeGreaterThan(0.97);
  });
});
