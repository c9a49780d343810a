// Calendar-date arithmetic in China time (Asia/Shanghai is UTC+8 all year: no DST since 1991),
// done on UTC fields so the result never depends on the machine's time zone.
import type { CivilDate } from './types.ts';

const DAY = 86_400_000;
const BEIJING_OFFSET = 8 * 3_600_000;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCivilDate(value: string): value is CivilDate {
  const m = CIVIL_DATE.exec(value);
  if (m === null) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Days since 1970-01-01 for a civil date. */
export function dayNumber(date: CivilDate): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    DAY
  );
}

export function civilDateOfDayNumber(day: number): CivilDate {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return civilDateOfDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CivilDate): number {
  return new Date(dayNumber(date) * DAY).getUTCDay();
}

/** The date in Beijing at an instant. */
export function beijingDate(instant: Date | number): CivilDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + BEIJING_OFFSET).toISOString().slice(0, 10);
}

/** 00:00:00.000 Beijing time on a date, as an instant. */
export function startOfBeijingDay(date: CivilDate): Date {
  return new Date(dayNumber(date) * DAY - BEIJING_OFFSET);
}

/** 23:59:59.999 Beijing time on a date, as an instant. */
export function endOfBeijingDay(date: CivilDate): Date {
  return new Date((dayNumber(date) + 1) * DAY - BEIJING_OFFSET - 1);
}

export function civilDateFromParts(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
