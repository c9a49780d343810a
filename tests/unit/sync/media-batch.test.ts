// Framing of POST /media/batch: what the client writes the server reads back exactly, and a
// body that is not exactly a list of frames is refused whole.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MEDIA_BATCH_MAX_ITEMS,
  frameHeader,
  readFrames,
} from '../../../shared/sync/media-batch.ts';

const hex = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(''));

function body(frames: { sha256: string; bytes: Uint8Array }[]): Uint8Array {
  const parts = frames.flatMap((f) => [frameHeader(f.sha256, f.bytes.length), f.bytes]);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('media batch framing', () => {
  it('reads back exactly the frames written', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ sha256: hex, bytes: fc.uint8Array({ maxLength: 300 }) }), {
          maxLength: 20,
        }),
        (frames) => {
          const read = readFrames(body(frames), 1000);
          expect(read.ok).toBe(true);
          if (read.ok) {
            expect(read.value.map((f) => f.sha256)).toEqual(frames.map((f) => f.sha256));
            read.value.forEach((f, i) => expect([...f.bytes]).toEqual([...frames[i]!.bytes]));
          }
        },
      ),
    );
  });

  it('refuses truncated bodies, bad hashes, oversized items and too many items', () => {
    const sha = 'a'.repeat(64);
    const good = body([{ sha256: sha, bytes: new Uint8Array([1, 2, 3]) }]);
    expect(readFrames(good.subarray(0, good.length - 1), 1000).ok).toBe(false);
    expect(readFrames(good.subarray(0, 10), 1000).ok).toBe(false);
    expect(readFrames(body([{ sha256: 'G'.repeat(64), bytes: new Uint8Array(1) }]), 1000).ok).toBe(
      false,
    );
    expect(readFrames(good, 2).ok).toBe(false);
    const many = Array.from({ length: MEDIA_BATCH_MAX_ITEMS + 1 }, () => ({
      sha256: sha,
      bytes: new Uint8Array(0),
    }));
    const refused = readFrames(body(many), 1000);
    expect(refused.ok ? null : refused.error.code).toBe('MEDIA_BATCH_MALFORMED');
    expect(readFrames(new Uint8Array(0), 1000)).toEqual({ ok: true, value: [] });
  });
});
