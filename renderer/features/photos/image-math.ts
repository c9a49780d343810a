// Pure pixel maths for photo capture: crop to a spec's aspect, the white-background check and
// the JPEG size search. Works on RGBA byte arrays so it runs in tests without a canvas.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, row-major RGBA (ImageData.data). */
  readonly data: Uint8ClampedArray | Uint8Array;
}

/**
 * The largest rectangle of aspect `aspectW:aspectH` inside a `srcW × srcH` frame, scaled by
 * `fill` (0–1] and centred on (cx, cy) in fractions of the frame — the face guide's position.
 */
export function guideRect(
  srcW: number,
  srcH: number,
  aspectW: number,
  aspectH: number,
  fill = 0.9,
  cx = 0.5,
  cy = 0.5,
): Rect {
  const aspect = aspectW / aspectH;
  let height = srcH * fill;
  let width = height * aspect;
  if (width > srcW * fill) {
    width = srcW * fill;
    height = width / aspect;
  }
  const x = Math.min(Math.max(cx * srcW - width / 2, 0), srcW - width);
  const y = Math.min(Math.max(cy * srcH - height / 2, 0), srcH - height);
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
  };
}

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

export interface BackgroundReport {
  /** Mean brightness (0–255) of the sampled background band. */
  readonly meanLuma: number;
  /** Share of sampled pixels darker than the spec allows. */
  readonly darkShare: number;
  /** Mean colourfulness (max − min channel), to catch coloured backdrops (blue/red). */
  readonly meanChroma: number;
  readonly ok: boolean;
}

/**
 * Samples the band around the top and the upper sides of a portrait (where only backdrop
 * should be; the shoulders fill the bottom corners) and judges whether it is white.
 */
export function checkBackground(
  image: RgbaImage,
  background: 'white' | 'white_or_light',
  bandFraction = 0.06,
): BackgroundReport {
  const { width, height, data } = image;
  const band = Math.max(2, Math.round(Math.min(width, height) * bandFraction));
  const minLuma = background === 'white' ? 215 : 190;
  const darkLimit = background === 'white' ? 200 : 170;
  let count = 0;
  let sumLuma = 0;
  let sumChroma = 0;
  let dark = 0;
  const sample = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    const r = data[i] ?? 0;
    const g = data[i + 1] ?? 0;
    const b = data[i + 2] ?? 0;
    const l = luma(r, g, b);
    sumLuma += l;
    sumChroma += Math.max(r, g, b) - Math.min(r, g, b);
    if (l < darkLimit) dark++;
    count++;
  };
  for (let y = 0; y < band; y++) for (let x = 0; x < width; x++) sample(x, y);
  const sideBottom = Math.round(height * 0.5);
  for (let y = band; y < sideBottom; y++) {
    for (let x = 0; x < band; x++) sample(x, y);
    for (let x = width - band; x < width; x++) sample(x, y);
  }
  const meanLuma = count ? sumLuma / count : 0;
  const meanChroma = count ? sumChroma / count : 0;
  const darkShare = count ? dark / count : 1;
  return {
    meanLuma,
    darkShare,
    meanChroma,
    ok: meanLuma >= minLuma && darkShare <= 0.04 && meanChroma <= 25,
  };
}

export interface SizeFit {
  readonly quality: number;
  readonly bytes: number;
  readonly fits: boolean;
  /** 'too_small' when even the best quality stays under the minimum; 'too_large' likewise. */
  readonly problem?: 'too_small' | 'too_large';
}

/**
 * Finds the highest JPEG quality whose file lies within [minBytes, maxBytes]. File size grows
 * with quality, so a binary search over whole percent steps needs about seven encodes.
 */
export async function fitJpegQuality(
  encodedSize: (quality: number) => Promise<number>,
  minBytes: number,
  maxBytes: number,
  range: { low: number; high: number } = { low: 0.3, high: 0.98 },
): Promise<SizeFit> {
  let low = Math.round(range.low * 100);
  let high = Math.round(range.high * 100);
  const sizeAt = async (percent: number) => encodedSize(percent / 100);
  const top = await sizeAt(high);
  if (top <= maxBytes) {
    return top >= minBytes
      ? { quality: high / 100, bytes: top, fits: true }
      : { quality: high / 100, bytes: top, fits: false, problem: 'too_small' };
  }
  const bottom = await sizeAt(low);
  if (bottom > maxBytes)
    return { quality: low / 100, bytes: bottom, fits: false, problem: 'too_large' };
  let best = { percent: low, bytes: bottom };
  // Invariant: size(low) ≤ max < size(high).
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    const bytes = await sizeAt(mid);
    if (bytes <= maxBytes) {
      low = mid;
      best = { percent: mid, bytes };
    } else {
      high = mid;
    }
  }
  return best.bytes >= minBytes
    ? { quality: best.percent / 100, bytes: best.bytes, fits: true }
    : { quality: best.percent / 100, bytes: best.bytes, fits: false, problem: 'too_small' };
}
