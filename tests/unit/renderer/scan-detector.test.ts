import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScanDetector, scannedText } from '../../../renderer/features/intake/scan-detector.ts';

function typeAll(detector: ScanDetector, text: string, start: number, gap: number) {
  let at = start;
  for (const key of text) {
    expect(detector.push(key, at)).toBeNull();
    at += gap;
  }
  return detector.push('Enter', at);
}

describe('scan detector', () => {
  it('recognises a scanner burst ending with Enter', () => {
    expect(typeAll(new ScanDetector(), 'EA123456785CN', 1000, 8)).toBe('EA123456785CN');
  });

  it('treats a person typing as typing', () => {
    expect(typeAll(new ScanDetector(), 'EA123456785CN', 1000, 120)).toBeNull();
  });

  it('takes only the burst when a person typed something before it', () => {
    const detector = new ScanDetector();
    detector.push('x', 0);
    detector.push('y', 200);
    expect(typeAll(detector, 'A2026000123', 1000, 5)).toBe('A2026000123');
  });

  it('ignores bursts shorter than a code', () => {
    expect(typeAll(new ScanDetector(), 'abc', 0, 5)).toBeNull();
  });

  it('an editing key breaks the burst', () => {
    const detector = new ScanDetector();
    for (const [i, key] of [...'EA1234'].entries()) detector.push(key, i * 5);
    detector.push('Backspace', 31);
    for (const [i, key] of [...'56785'].entries()) detector.push(key, 40 + i * 5);
    expect(detector.push('Enter', 70)).toBeNull();
  });

  it('any text sent with gaps under the limit comes back unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 6, maxLength: 40, unit: fc.constantFrom(...'0123456789ABCDEFXYZ') }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 40, maxLength: 40 }),
        (code, gaps) => {
          let at = 10_000;
          const strokes = [...code].map((key, i) => {
            at += gaps[i] ?? 1;
            return { key, at };
          });
          expect(scannedText(strokes, at + 10)).toBe(code);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
