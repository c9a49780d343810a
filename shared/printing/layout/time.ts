// Labels show China Standard Time (UTC+8, no daylight saving) whatever the
// machine's time zone, so a label printed anywhere reads the same.
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

function parts(epochMs: number): string {
  return new Date(epochMs + CST_OFFSET_MS).toISOString();
}

/** 2026-03-07 */
export function formatDate(epochMs: number): string {
  return parts(epochMs).slice(0, 10);
}

/** 2026-03-07 14:05 */
export function formatDateTime(epochMs: number): string {
  const iso = parts(epochMs);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
