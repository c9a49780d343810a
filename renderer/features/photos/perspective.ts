// Straightening a photographed number rubbing (号码拓印): the clerk marks the four corners of
// the rubbing and we map that quadrilateral onto an upright rectangle with a projective
// transform (homography), sampled bilinearly.
import type { RgbaImage } from './image-math.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Corners in order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

/** Row-major 3×3 matrix with m[8] = 1. */
export type Matrix3 = readonly number[];

function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    }
    const pivotRow = m[pivot];
    if (!pivotRow || Math.abs(pivotRow[col] ?? 0) < 1e-12) return null;
    [m[col], m[pivot]] = [pivotRow, m[col] ?? pivotRow];
    const p = m[col] ?? [];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] ?? [];
      const factor = (row[col] ?? 0) / (p[col] ?? 1);
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - factor * (p[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/** The homography H with H·from[i] ∝ to[i]; null when the corners are degenerate. */
export function homography(from: Quad, to: Quad): Matrix3 | null {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i] as Point;
    const { x: u, y: v } = to[i] as Point;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const h = solve(a, b);
  return h ? [...h, 1] : null;
}

export function applyHomography(h: Matrix3, p: Point): Point {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, k = 0, l = 1] = h;
  const w = g * p.x + k * p.y + l;
  return { x: (a * p.x + b * p.y + c) / w, y: (d * p.x + e * p.y + f) / w };
}

const dist = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y);

/** Output size that keeps the marked rubbing's own proportions. */
export function straightenedSize(quad: Quad, maxWidth = 1600): { width: number; height: number } {
  const [tl, tr, br, bl] = quad;
  const width = (dist(tl, tr) + dist(bl, br)) / 2;
  const height = (dist(tl, bl) + dist(tr, br)) / 2;
  const scale = width > maxWidth ? maxWidth / width : 1;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** Warps the quadrilateral of `source` onto an upright `width × height` image. */
export function warpQuad(
  source: RgbaImage,
  quad: Quad,
  width: number,
  height: number,
): Uint8ClampedArray<ArrayBuffer> | null {
  const target: Quad = [
    { x: 0, y: 0 },
    { x: width - 1, y: 0 },
    { x: width - 1, y: height - 1 },
    { x: 0, y: height - 1 },
  ];
  // Map each output pixel back into the source (inverse mapping leaves no holes).
  const back = homography(target, quad);
  if (!back) return null;
  const out = new Uint8ClampedArray(width * height * 4);
  const { data, width: sw, height: sh } = source;
  const px = (x: number, y: number, c: number) => data[(y * sw + x) * 4 + c] ?? 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = applyHomography(back, { x, y });
      const o = (y * width + x) * 4;
      if (p.x < 0 || p.y < 0 || p.x > sw - 1 || p.y > sh - 1) {
        out.fill(255, o, o + 4);
        continue;
      }
      const x0 = Math.floor(p.x);
      const y0 = Math.floor(p.y);
      const x1 = Math.min(x0 + 1, sw - 1);
      const y1 = Math.min(y0 + 1, sh - 1);
      const fx = p.x - x0;
      const fy = p.y - y0;
      for (let c = 0; c < 4; c++) {
        const top = px(x0, y0, c) * (1 - fx) + px(x1, y0, c) * fx;
        const bottom = px(x0, y1, c) * (1 - fx) + px(x1, y1, c) * fx;
        out[o + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

/** Default corners: a centred band the shape of a VIN rubbing strip. */
export function defaultRubbingQuad(width: number, height: number): Quad {
  const mx = width * 0.1;
  const my = height * 0.3;
  return [
    { x: mx, y: my },
    { x: width - mx, y: my },
    { x: width - mx, y: height - my },
    { x: mx, y: height - my },
  ];
}
