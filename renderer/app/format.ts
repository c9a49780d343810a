// Dates and money the way a Chinese counter shows them: 24-hour Beijing time, yuan with 2 decimals.
const TZ = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const time = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const date = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 2026-05-04 13:05 */
export function formatDateTime(at: number): string {
  const parts = Object.fromEntries(dateTime.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export function formatTime(at: number): string {
  return time.format(at);
}

export function formatDate(at: number): string {
  const parts = Object.fromEntries(date.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function formatYuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/** Start of today in Beijing time, as epoch ms. */
export function startOfBeijingDay(at: number): number {
  const offset = 8 * 3_600_000;
  return Math.floor((at + offset) / 86_400_000) * 86_400_000 - offset;
}
