// Framing of POST /media/batch (protocol v1, additive): many photos in one request body, each
// as 64 ASCII hex digits of its SHA-256, a 4-byte big-endian length, then the bytes. Pure code:
// the client builds frames, the server reads them back and checks every hash itself.
import { fail, ok, type Result } from '../result.ts';

export const MEDIA_BATCH_CONTENT_TYPE = 'application/x-waypost-media-batch';
/** A client keeps one batch below this many bytes (the server accepts up to 8 MiB). */
export const MEDIA_BATCH_TARGET_BYTES = 2 * 1024 * 1024;
export const MEDIA_BATCH_MAX_ITEMS = 100;

const SHA256 = /^[0-9a-f]{64}$/;
const HEADER_BYTES = 64 + 4;

export interface MediaFrame {
  sha256: string;
  bytes: Uint8Array;
}

/** The header of one frame; the caller appends the bytes after it. */
export function frameHeader(sha256: string, length: number): Uint8Array<ArrayBuffer> {
  const header = new Uint8Array(HEADER_BYTES);
  for (let i = 0; i < 64; i += 1) header[i] = sha256.charCodeAt(i);
  new DataView(header.buffer).setUint32(64, length, false);
  return header;
}

/** Splits a batch body into frames; refuses a body that is not exactly a list of frames. */
export function readFrames(body: Uint8Array, maxItemBytes: number): Result<MediaFrame[]> {
  const frames: MediaFrame[] = [];
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let at = 0;
  while (at < body.length) {
    if (body.length - at < HEADER_BYTES || frames.length >= MEDIA_BATCH_MAX_ITEMS) {
      return malformed();
    }
    const sha256 = String.fromCharCode(...body.subarray(at, at + 64));
    const length = view.getUint32(at + 64, false);
    at += HEADER_BYTES;
    if (!SHA256.test(sha256) || length > maxItemBytes || at + length > body.length) {
      return malformed();
    }
    frames.push({ sha256, bytes: body.subarray(at, at + length) });
    at += length;
  }
  return ok(frames);
}

const malformed = () =>
  fail(
    'MEDIA_BATCH_MALFORMED',
    '批量上传的数据格式不正确',
    `The media batch is not a list of frames (at most ${MEDIA_BATCH_MAX_ITEMS}, each within the size limit)`,
  );
