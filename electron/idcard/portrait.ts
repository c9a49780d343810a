// A synthetic chip portrait (102×126 px like the real chip photo), drawn and JPEG-encoded
// in memory so the simulator never ships or fetches a real person's photo.
import { encode } from 'jpeg-js';

const WIDTH = 102;
const HEIGHT = 126;

type Rgb = readonly [number, number, number];

const cache = new Map<number, Uint8Array>();

/** Memoised: jpeg-js takes a few hundred ms to encode even this small image. */
export function syntheticPortraitJpeg(seed = 1): Uint8Array {
  const cached = cache.get(seed);
  if (cached) return cached;
  const jpeg = drawPortrait(seed);
  cache.set(seed, jpeg);
  return jpeg;
}

function drawPortrait(seed: number): Uint8Array {
  const data = Buffer.alloc(WIDTH * HEIGHT * 4);
  const background: Rgb = [240, 244, 250];
  const skin: Rgb = [232 - (seed % 5) * 6, 196 - (seed % 5) * 5, 168 - (seed % 5) * 4];
  const hair: Rgb = [40, 34, 30];
  const coat: Rgb = [38, 60, 110];
  const inside = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      let colour = background;
      if (inside(x, y, 51, 132, 48, 36))
        colour = coat; // shoulders
      else if (x > 43 && x < 59 && y > 72 && y < 100) colour = skin; // neck
      if (inside(x, y, 51, 46, 25, 31)) colour = hair;
      if (inside(x, y, 51, 54, 22, 27) && y > 34) colour = skin; // face below the fringe
      if (inside(x, y, 42, 52, 3, 2) || inside(x, y, 60, 52, 3, 2)) colour = hair; // eyes
      if (y === 70 && x > 45 && x < 57) colour = [170, 90, 90]; // mouth
      const i = (y * WIDTH + x) * 4;
      data[i] = colour[0];
      data[i + 1] = colour[1];
      data[i + 2] = colour[2];
      data[i + 3] = 255;
    }
  }
  return encode({ width: WIDTH, height: HEIGHT, data }, 85).data;
}

export const PORTRAIT_SIZE = { width: WIDTH, height: HEIGHT } as const;
