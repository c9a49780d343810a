// Keyboard-wedge barcode scanners "type" a code far faster than a person and end with Enter.
// Telling the two apart lets a field accept a scan (replace, validate, move on) while a clerk
// typing by hand keeps the ordinary Enter-moves-to-next-field behaviour.

export interface KeyStroke {
  /** KeyboardEvent.key */
  readonly key: string;
  /** Milliseconds (performance.now() or event.timeStamp). */
  readonly at: number;
}

export interface ScanDetectorOptions {
  /** Longest gap between two characters of one scan. Scanners: 1–20 ms (more when the page is busy); people rarely type 6+ keys all under 50 ms. */
  readonly maxGapMs: number;
  /** Shortest code we treat as a scan (acceptance numbers and waybills are ≥ 8). */
  readonly minLength: number;
  /** Longest allowed gap between the last character and the closing Enter. */
  readonly maxEnterGapMs: number;
}

export const DEFAULT_SCAN_OPTIONS: ScanDetectorOptions = {
  maxGapMs: 50,
  minLength: 6,
  maxEnterGapMs: 80,
};

/**
 * Looks at the strokes before an Enter and returns the scanned text when the trailing run of
 * characters arrived as a burst, otherwise null (a person typed it).
 */
export function scannedText(
  strokes: readonly KeyStroke[],
  enterAt: number,
  options: ScanDetectorOptions = DEFAULT_SCAN_OPTIONS,
): string | null {
  const chars: string[] = [];
  let next = enterAt;
  let gapLimit = options.maxEnterGapMs;
  for (let i = strokes.length - 1; i >= 0; i--) {
    const stroke = strokes[i];
    if (stroke === undefined || stroke.key.length !== 1) break;
    if (next - stroke.at > gapLimit || next < stroke.at) break;
    chars.push(stroke.key);
    next = stroke.at;
    gapLimit = options.maxGapMs;
  }
  if (chars.length < options.minLength) return null;
  return chars.reverse().join('');
}

/** Keeps the last few strokes of one field; feed it every keydown. */
export class ScanDetector {
  private strokes: KeyStroke[] = [];

  constructor(private readonly options: ScanDetectorOptions = DEFAULT_SCAN_OPTIONS) {}

  /** Returns the scanned text when `key` is the Enter that closes a scan burst. */
  push(key: string, at: number): string | null {
    if (key === 'Enter') {
      const scanned = scannedText(this.strokes, at, this.options);
      this.strokes = [];
      return scanned;
    }
    if (key.length === 1) {
      this.strokes.push({ key, at });
      if (this.strokes.length > 64) this.strokes.splice(0, this.strokes.length - 64);
    } else if (key !== 'Shift') {
      // Editing keys (Backspace, arrows) mean a person is at the keyboard.
      this.strokes = [];
    }
    return null;
  }

  reset(): void {
    this.strokes = [];
  }
}
