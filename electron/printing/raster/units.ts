// Thermal heads are specified in dots per mm: "203 dpi" is exactly 8 dots/mm
// (80 mm roll → 72 mm printable → 576 dots); "300 dpi" is 11.8 dots/mm.
export const SUPPORTED_DPI = [203, 300] as const;

export function dotsPerMm(dpi: number): number {
  return dpi === 203 ? 8 : dpi / 25.4;
}

export function mmToDots(mm: number, dpi: number): number {
  return Math.round(mm * dotsPerMm(dpi));
}
