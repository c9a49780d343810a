// Chinese working-day calendar (工作日历): public holidays and adjusted working days from
// updatable data, with statutory fallback rules for years not yet published.
//
// Time zones: every date is a calendar date in Beijing time (UTC+8). Functions that take an
// instant (Date or epoch ms) first take its Beijing date; a 'YYYY-MM-DD' string is used as is.
// addWorkingDays returns an instant: the last millisecond (23:59:59.999 +08:00) of the target
// working day, which is the deadline to compare against.
import { fail, ok, type Result } from '../result.ts';
import { addDays, beijingDate, endOfBeijingDay, isCivilDate, weekday } from './dates.ts';
import { statutoryHolidays } from './fallback.ts';
import type { CalendarData, CivilDate, DayInfo, FestivalCode, YearStatus } from './types.ts';

export * from './types.ts';
export {
  addDays,
  beijingDate,
  endOfBeijingDay,
  isCivilDate,
  startOfBeijingDay,
  weekday,
} from './dates.ts';
export { LUNAR_ANCHOR_YEARS, lunarAnchors, statutoryHolidays } from './fallback.ts';
export { SEED_CALENDAR } from './data/seed.ts';

export type DateInput = CivilDate | Date | number;

export interface WorkingCalendar {
  readonly data: CalendarData;
  isWorkingDay(date: DateInput): boolean;
  dayInfo(date: DateInput): DayInfo;
  /** The first working day strictly after the date. */
  nextWorkingDay(date: DateInput): CivilDate;
  /**
   * End (23:59:59.999 Beijing) of the n-th working day after the instant's Beijing date; the
   * day of the instant itself never counts, so a complaint raised at any hour on day D with
   * n = 1 is due at the end of the first working day after D. n = 0 gives the end of the
   * instant's own day if that is a working day, else of the next working day.
   * Throws RangeError for n that is not an integer in 0…3650 (a programming error).
   */
  addWorkingDays(from: Date | number, n: number): Date;
  yearStatus(year: number): YearStatus;
}

/** Beyond any real holiday run; stops a loop on corrupt data. */
const MAX_SCAN_DAYS = 4000;

function toCivilDate(input: DateInput): CivilDate {
  if (typeof input === 'string') {
    if (!isCivilDate(input)) throw new RangeError(`Not a YYYY-MM-DD date: ${input}`);
    return input;
  }
  return beijingDate(input);
}

export function createCalendar(data: CalendarData): WorkingCalendar {
  const published = new Set(data.publishedYears);
  const fallbackCache = new Map<number, ReadonlyMap<CivilDate, FestivalCode>>();

  const fallbackHoliday = (date: CivilDate): FestivalCode | undefined => {
    const year = Number(date.slice(0, 4));
    let days = fallbackCache.get(year);
    if (days === undefined) {
      days = statutoryHolidays(year).days;
      fallbackCache.set(year, days);
    }
    return days.get(date);
  };

  const info = (date: CivilDate): DayInfo => {
    const provisional = !published.has(Number(date.slice(0, 4)));
    const adjusted = data.workdays[date];
    if (adjusted !== undefined) {
      return { date, working: true, kind: 'adjusted_workday', festival: adjusted, provisional };
    }
    const holiday = data.holidays[date] ?? (provisional ? fallbackHoliday(date) : undefined);
    if (holiday !== undefined) {
      return { date, working: false, kind: 'holiday', festival: holiday, provisional };
    }
    const dow = weekday(date);
    const weekend = dow === 0 || dow === 6;
    return {
      date,
      working: !weekend,
      kind: weekend ? 'weekend' : 'workday',
      festival: null,
      provisional,
    };
  };

  const next = (date: CivilDate): CivilDate => {
    let day = date;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      day = addDays(day, 1);
      if (info(day).working) return day;
    }
    throw new RangeError(`No working day within ${MAX_SCAN_DAYS} days after ${date}`);
  };

  return {
    data,
    isWorkingDay: (date) => info(toCivilDate(date)).working,
    dayInfo: (date) => info(toCivilDate(date)),
    nextWorkingDay: (date) => next(toCivilDate(date)),
    addWorkingDays(from, n) {
      if (!Number.isInteger(n) || n < 0 || n > 3650) {
        throw new RangeError(`addWorkingDays: n must be an integer 0…3650, got ${n}`);
      }
      let day = beijingDate(from);
      if (n === 0) return endOfBeijingDay(info(day).working ? day : next(day));
      for (let i = 0; i < n; i++) day = next(day);
      return endOfBeijingDay(day);
    },
    yearStatus: (year) => (published.has(year) ? 'published' : 'provisional'),
  };
}

/**
 * Applies newer data (e.g. next year's schedule from the server) over older. For each year the
 * update publishes, the older entries dated in that year are dropped; then every entry of the
 * update wins for its date (a notice may also cover the last days of the year before).
 */
export function mergeCalendarData(base: CalendarData, update: CalendarData): CalendarData {
  const replaced = new Set(update.publishedYears);
  const keep = (date: CivilDate) => !replaced.has(Number(date.slice(0, 4)));
  const holidays: Record<CivilDate, FestivalCode> = {};
  const workdays: Record<CivilDate, FestivalCode> = {};
  for (const [date, festival] of Object.entries(base.holidays)) {
    if (keep(date) && update.workdays[date] === undefined) holidays[date] = festival;
  }
  for (const [date, festival] of Object.entries(base.workdays)) {
    if (keep(date) && update.holidays[date] === undefined) workdays[date] = festival;
  }
  Object.assign(holidays, update.holidays);
  Object.assign(workdays, update.workdays);
  const sorted = (record: Record<CivilDate, FestivalCode>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const source = [base.source, update.source].filter((s) => s !== undefined).join(' + ');
  return {
    format: 1,
    ...(source === '' ? {} : { source }),
    publishedYears: [...new Set([...base.publishedYears, ...update.publishedYears])].sort(
      (a, b) => a - b,
    ),
    holidays: sorted(holidays),
    workdays: sorted(workdays),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(where: string): Result<never> {
  return fail(
    'CALENDAR_DATA_INVALID',
    `节假日数据格式不正确（${where}）`,
    `Invalid holiday calendar data (${where})`,
    where,
  );
}

function parseDays(value: unknown, where: string): Result<Record<CivilDate, FestivalCode>> {
  if (!isRecord(value)) return invalid(where);
  const out: Record<CivilDate, FestivalCode> = {};
  for (const [date, festival] of Object.entries(value)) {
    if (
      !isCivilDate(date) ||
      typeof festival !== 'string' ||
      !/^[a-z][a-z0-9_]{0,63}$/.test(festival)
    ) {
      return invalid(`${where}.${date}`);
    }
    out[date] = festival;
  }
  return ok(out);
}

/** Validates calendar data received from the server or read from local storage. */
export function parseCalendarData(input: unknown): Result<CalendarData> {
  if (!isRecord(input) || input.format !== 1) return invalid('format');
  const years = input.publishedYears;
  if (
    !Array.isArray(years) ||
    !years.every((y): y is number => Number.isInteger(y) && y >= 1900 && y <= 9999)
  ) {
    return invalid('publishedYears');
  }
  const holidays = parseDays(input.holidays, 'holidays');
  if (!holidays.ok) return holidays;
  const workdays = parseDays(input.workdays, 'workdays');
  if (!workdays.ok) return workdays;
  const both = Object.keys(workdays.value).find((date) => holidays.value[date] !== undefined);
  if (both !== undefined) {
    return fail(
      'CALENDAR_DATA_CONFLICT',
      `节假日数据有误：${both} 同时被标为假日和调休工作日`,
      `Holiday data marks ${both} as both a holiday and a working day`,
      'holidays',
    );
  }
  const source = input.source;
  if (source !== undefined && typeof source !== 'string') return invalid('source');
  return ok({
    format: 1,
    ...(source === undefined ? {} : { source }),
    publishedYears: [...years],
    holidays: holidays.value,
    workdays: workdays.value,
  });
}
