// Canvas side of photo capture: grab a frame, crop and scale to the spec, check the backdrop,
// and encode a JPEG inside the spec's byte window. The decisions are in image-math.ts.
import type { PhotoSpec } from '../../../shared/catalogue/index.ts';
import {
  checkBackground,
  fitJpegQuality,
  guideRect,
  type BackgroundReport,
  type Rect,
  type SizeFit,
} from './image-math.ts';

export type Frame = HTMLCanvasElement;

export function grabFrame(video: HTMLVideoElement): Frame {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d');
  ctx?.drawImage(video, 0, 0);
  return canvas;
}

export async function frameFromBlob(blob: Blob): Promise<Frame> {
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas;
}

export function cropScale(source: Frame, rect: Rect, width: number, height: number): Frame {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.imageSmoothingQuality = 'high';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(source, rect.x, rect.y, rect.width, rect.height, 0, 0, width, height);
  }
  return canvas;
}

/** Scales a frame down so its longer side is at most `maxSide` (documents, rubbings). */
export function limitSize(source: Frame, maxSide: number): Frame {
  const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
  if (scale === 1) return source;
  return cropScale(
    source,
    { x: 0, y: 0, width: source.width, height: source.height },
    Math.round(source.width * scale),
    Math.round(source.height * scale),
  );
}

export function encodeJpeg(canvas: Frame, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))),
      'image/jpeg',
      quality,
    ),
  );
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const digest = await crypto.subtle.digest('SHA-256', copy);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface EncodedImage {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly widthPx: number;
  readonly heightPx: number;
  /** Object URL for previews; revoke when done. */
  readonly url: string;
}

export async function encodeFrame(canvas: Frame, quality: number): Promise<EncodedImage> {
  const blob = await encodeJpeg(canvas, quality);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return {
    bytes,
    sha256: await sha256Hex(bytes),
    widthPx: canvas.width,
    heightPx: canvas.height,
    url: URL.createObjectURL(blob),
  };
}

export interface PortraitResult {
  readonly image: EncodedImage;
  readonly background: BackgroundReport;
  readonly size: SizeFit;
  readonly ok: boolean;
}

/** The portrait inside the face guide, at the spec's pixel size and byte window. */
export async function processPortrait(frame: Frame, spec: PhotoSpec): Promise<PortraitResult> {
  const rect = guideRect(frame.width, frame.height, spec.widthPx, spec.heightPx, GUIDE_FILL);
  const photo = cropScale(frame, rect, spec.widthPx, spec.heightPx);
  const pixels = photo.getContext('2d')?.getImageData(0, 0, photo.width, photo.height);
  const background = pixels
    ? checkBackground(pixels, spec.background)
    : { meanLuma: 0, darkShare: 1, meanChroma: 0, ok: false };
  const size = await fitJpegQuality(
    async (quality) => (await encodeJpeg(photo, quality)).size,
    spec.minBytes,
    spec.maxBytes,
  );
  const image = await encodeFrame(photo, size.quality);
  return {
    image,
    background,
    size: { ...size, bytes: image.bytes.length },
    ok: background.ok && size.fits,
  };
}

/** How much of the frame's height the face guide takes (also drawn by the overlay). */
export const GUIDE_FILL = 0.9;
