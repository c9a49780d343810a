// Calendar checks for the YYYYMMDD birth date inside ID and residence-card numbers.
// Pure arithmetic (no Date parsing), so no time zone can shift a day.

export const EARLIEST_BIRTH_YEAR = 1900;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `compact` (8 digits) names a real day of the Gregorian calendar. */
export function isCalendarDate(compact: string): boolean {
  if (!/^\d{8}$/.test(compact)) return false;
  const year = Number(compact.slice(0, 4));
  const month = Number(compact.slice(4, 6));
  const day = Number(compact.slice(6, 8));
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Today's date in China Standard Time (UTC+8, no DST) as YYYYMMDD. */
export function chinaDateCompact(now: Date): string {
  const shifted = new Date(now.getTime() + 8 * 60 * 60 * 1000);
  const y = String(shifted.getUTCFullYear()).padStart(4, '0');
  const m = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const d = String(shifted.getUTCDate()).padStart(2, '0');
  return `${y}${m}${d}`;
}

/** `'YYYYMMDD'` → `'YYYY-MM-DD'`. */
export const isoFromCompact = (compact: string): string =>
  `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

export type BirthDateProblem = 'invalid' | 'out_of_range';

/** Checks a birth date is real, not before 1900 and not after today (China time). */
export function checkBirthDate(compact: string, now: Date): BirthDateProblem | null {
  if (!isCalendarDate(compact)) return 'invalid';
  if (Number(compact.slice(0, 4)) < EARLIEST_BIRTH_YEAR) return 'out_of_range';
  if (compact > chinaDateCompact(now)) return 'out_of_range';
  return null;
}

export interface ClockOptions {
  /** The current time; defaults to `new Date()`. Injected by tests. */
  readonly now?: Date;
}
