// Group keys for reports: Beijing calendar day, ISO week and month, or a dimension value.
const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export type TimeGrouping = 'day' | 'week' | 'month';
export type DimensionGrouping = 'station' | 'clerk' | 'stop';
export type ReportGroupBy = TimeGrouping | DimensionGrouping;

export const REPORT_GROUPINGS = [
  'day',
  'week',
  'month',
  'station',
  'clerk',
  'stop',
] as const satisfies readonly ReportGroupBy[];

export function isReportGroupBy(value: string): value is ReportGroupBy {
  return (REPORT_GROUPINGS as readonly string[]).includes(value);
}

export function isTimeGrouping(groupBy: ReportGroupBy): groupBy is TimeGrouping {
  return groupBy === 'day' || groupBy === 'week' || groupBy === 'month';
}

/** 'YYYY-MM-DD' in Beijing time. */
export function dayKey(at: number): string {
  return new Date(at + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM' in Beijing time. */
export function monthKey(at: number): string {
  return dayKey(at).slice(0, 7);
}

/** ISO 8601 week of the Beijing date, 'YYYY-Www' (weeks start on Monday; week 1 holds a Thursday). */
export function weekKey(at: number): string {
  const date = new Date(Date.parse(`${dayKey(at)}T00:00:00Z`));
  const dow = (date.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(date.getTime() + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.floor((thursday.getTime() - firstMonday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function timeKey(at: number, groupBy: TimeGrouping): string {
  return groupBy === 'day' ? dayKey(at) : groupBy === 'week' ? weekKey(at) : monthKey(at);
}

/** Every time key from `from` (inclusive) to `to` (exclusive), in order; at most `limit`. */
export function timeKeysBetween(
  from: number,
  to: number,
  groupBy: TimeGrouping,
  limit = 1000,
): string[] {
  const keys: string[] = [];
  let last = '';
  // Stepping a day at a time visits every day, week and month; Beijing has no DST.
  for (let at = from; at < to && keys.length < limit; at += DAY_MS) {
    const key = timeKey(at, groupBy);
    if (key !== last) keys.push((last = key));
  }
  const end = to - 1;
  if (end >= from && keys.length < limit) {
    const key = timeKey(end, groupBy);
    if (key !== last) keys.push(key);
  }
  return keys;
}
