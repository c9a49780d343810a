import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SEED_CALENDAR,
  beijingDate,
  createCalendar,
  endOfBeijingDay,
  mergeCalendarData,
  parseCalendarData,
  startOfBeijingDay,
  statutoryHolidays,
  type CalendarData,
} from '../../../shared/calendar/index.ts';
import { complaintDueAt } from '../../../shared/sla/index.ts';
import { unwrap } from '../../../shared/result.ts';

const calendar = createCalendar(SEED_CALENDAR);
const at = (iso: string) => new Date(iso);

describe('Beijing dates', () => {
  it('takes the date in UTC+8 whatever the machine time zone', () => {
    expect(beijingDate(at('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(beijingDate(at('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
    expect(startOfBeijingDay('2026-10-01').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(endOfBeijingDay('2026-10-08').toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });
});

describe('published years (seed data)', () => {
  it('knows holidays, weekends and adjusted working days of 2026', () => {
    expect(calendar.yearStatus(2026)).toBe('published');
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // Sunday
    expect(calendar.dayInfo('2026-10-10')).toEqual({
      date: '2026-10-10',
      working: true,
      kind: 'adjusted_workday', // a Saturday worked for National Day
      festival: 'national_day',
      provisional: false,
    });
    expect(calendar.dayInfo('2026-02-17')).toMatchObject({
      working: false,
      kind: 'holiday',
      festival: 'spring_festival',
    });
    expect(calendar.dayInfo('2026-03-04').kind).toBe('workday');
  });

  it('accepts instants and reads them in Beijing time', () => {
    // 2026-10-07 23:30 Beijing is still the holiday; 00:30 on 10-08 is a working day.
    expect(calendar.isWorkingDay(at('2026-10-07T15:30:00Z'))).toBe(false);
    expect(calendar.isWorkingDay(at('2026-10-07T16:30:00Z').getTime())).toBe(true);
  });

  it('rejects a malformed date string', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('20261001')).toThrow(RangeError);
  });
});

describe('complaint deadline (one working day)', () => {
  it('raised 2026-09-30 17:00 before National Day → end of the first working day after it', () => {
    const raised = at('2026-09-30T17:00:00+08:00');
    expect(complaintDueAt(raised, calendar).toISOString()).toBe(
      endOfBeijingDay('2026-10-08').toISOString(),
    );
    expect(calendar.nextWorkingDay(raised)).toBe('2026-10-08');
  });

  it('counts an adjusted working Saturday', () => {
    // Friday 2026-10-09 → Saturday 10-10 is a working day.
    expect(complaintDueAt(at('2026-10-09T17:00:00+08:00'), calendar).toISOString()).toBe(
      '2026-10-10T15:59:59.999Z',
    );
    // Friday 2026-02-27 → Saturday 02-28 worked for Spring Festival.
    expect(calendar.nextWorkingDay('2026-02-27')).toBe('2026-02-28');
  });

  it('uses the Beijing date of a late-evening UTC instant', () => {
    // 2026-10-08T16:30Z is 2026-10-09 00:30 in Beijing: the next working day is the 10th.
    expect(complaintDueAt(at('2026-10-08T16:30:00Z'), calendar).toISOString()).toBe(
      '2026-10-10T15:59:59.999Z',
    );
  });

  it('n = 0 is the end of the same working day, or of the next one', () => {
    expect(calendar.addWorkingDays(at('2026-10-08T09:00:00+08:00'), 0).toISOString()).toBe(
      '2026-10-08T15:59:59.999Z',
    );
    expect(calendar.addWorkingDays(at('2026-10-03T09:00:00+08:00'), 0).toISOString()).toBe(
      '2026-10-08T15:59:59.999Z',
    );
    expect(() => calendar.addWorkingDays(0, -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(0, 1.5)).toThrow(RangeError);
  });

  it('counts several working days across a holiday', () => {
    // From Thu 2026-09-24: 9-25..27 Mid-Autumn off; 9-28, 9-29, 9-30 worked; then 10-08.
    expect(calendar.addWorkingDays(at('2026-09-24T12:00:00+08:00'), 4).toISOString()).toBe(
      endOfBeijingDay('2026-10-08').toISOString(),
    );
  });
});

describe('years without a published schedule', () => {
  it('2027 is provisional and 2027-01-01 is a holiday by the statutory fallback', () => {
    expect(calendar.yearStatus(2027)).toBe('provisional');
    expect(calendar.dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      working: false,
      kind: 'holiday',
      festival: 'new_year',
      provisional: true,
    });
    // Spring Festival 2027 is 02-06 (Saturday): eve 02-05 and 02-06..02-08 off.
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) {
      expect(calendar.dayInfo(d).festival).toBe('spring_festival');
    }
    expect(calendar.isWorkingDay('2027-02-09')).toBe(true);
    expect(calendar.isWorkingDay('2027-04-05')).toBe(false); // Qingming
    expect(calendar.isWorkingDay('2027-05-03')).toBe(true); // only 5-1, 5-2 are statutory
    expect(calendar.isWorkingDay('2027-06-09')).toBe(false); // Dragon Boat
    expect(calendar.isWorkingDay('2027-09-15')).toBe(false); // Mid-Autumn
    expect(calendar.isWorkingDay('2027-10-04')).toBe(true); // 10-1..3 statutory
  });

  it('becomes published when the server sends the 2027 schedule', () => {
    // A schedule shaped like a real notice: New Year 1-1..1-3 without adjustment; a bridging
    // day with an adjusted Sunday working day.
    const update: CalendarData = {
      format: 1,
      source: 'server 2026-12-01',
      publishedYears: [2027],
      holidays: {
        '2027-01-01': 'new_year',
        '2027-01-02': 'new_year',
        '2027-01-03': 'new_year',
        '2027-10-01': 'national_day',
        '2027-10-04': 'national_day',
      },
      workdays: { '2027-09-26': 'national_day' },
    };
    const merged = mergeCalendarData(SEED_CALENDAR, update);
    const next = createCalendar(merged);
    expect(next.yearStatus(2027)).toBe('published');
    expect(next.yearStatus(2026)).toBe('published');
    expect(next.dayInfo('2027-01-01')).toMatchObject({ working: false, provisional: false });
    expect(next.isWorkingDay('2027-09-26')).toBe(true); // Sunday worked
    expect(next.isWorkingDay('2027-10-04')).toBe(false);
    // Published years use only the published data: lunar fallback no longer applies.
    expect(next.isWorkingDay('2027-04-05')).toBe(true);
    // Old years are untouched.
    expect(next.isWorkingDay('2026-10-10')).toBe(true);
    expect(merged.source).toBe('chinese-days@1.5.7 + server 2026-12-01');
    expect(unwrap(parseCalendarData(JSON.parse(JSON.stringify(merged))))).toEqual(merged);
  });

  it('a re-sent year replaces the old entries of that year', () => {
    const first: CalendarData = {
      format: 1,
      publishedYears: [2027],
      holidays: { '2027-10-05': 'national_day' },
      workdays: { '2027-10-09': 'national_day' },
    };
    const corrected: CalendarData = {
      format: 1,
      publishedYears: [2027],
      holidays: { '2027-10-04': 'national_day', '2026-12-31': 'new_year' },
      workdays: {},
    };
    const merged = mergeCalendarData(mergeCalendarData(SEED_CALENDAR, first), corrected);
    const cal = createCalendar(merged);
    expect(cal.isWorkingDay('2027-10-05')).toBe(true);
    expect(cal.isWorkingDay('2027-10-09')).toBe(false); // a Saturday again
    expect(cal.isWorkingDay('2026-12-31')).toBe(false); // a notice may reach into the year before
  });

  it('beyond 2100 only the fixed-date holidays are known', () => {
    expect(statutoryHolidays(2101).lunarKnown).toBe(false);
    expect(statutoryHolidays(2101).days.get('2101-10-02')).toBe('national_day');
    expect(statutoryHolidays(2027).lunarKnown).toBe(true);
  });
});

describe('parseCalendarData', () => {
  it('accepts the seed and rejects malformed data with codes', () => {
    expect(unwrap(parseCalendarData(SEED_CALENDAR))).toEqual(SEED_CALENDAR);
    const code = (input: unknown) => {
      const r = parseCalendarData(input);
      return r.ok ? 'OK' : r.error.code;
    };
    const good = { format: 1, publishedYears: [2027], holidays: {}, workdays: {} };
    expect(code(good)).toBe('OK');
    expect(code({ ...good, format: 2 })).toBe('CALENDAR_DATA_INVALID');
    expect(code({ ...good, publishedYears: ['2027'] })).toBe('CALENDAR_DATA_INVALID');
    expect(code({ ...good, holidays: { '2027-02-30': 'x' } })).toBe('CALENDAR_DATA_INVALID');
    expect(code({ ...good, holidays: { '2027-02-03': 'Bad Code' } })).toBe('CALENDAR_DATA_INVALID');
    expect(
      code({
        ...good,
        holidays: { '2027-02-06': 'spring_festival' },
        workdays: { '2027-02-06': 'spring_festival' },
      }),
    ).toBe('CALENDAR_DATA_CONFLICT');
  });
});

const instant = fc.integer({
  min: Date.parse('2003-01-01T00:00:00Z'),
  max: Date.parse('2102-12-31T00:00:00Z'),
});

describe('calendar properties', () => {
  it('addWorkingDays(d, 1) ends a working day that is later than d', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const due = calendar.addWorkingDays(t, 1);
        expect(due.getTime()).toBeGreaterThan(t);
        const day = beijingDate(due);
        expect(calendar.isWorkingDay(day)).toBe(true);
        expect(due.getTime()).toBe(endOfBeijingDay(day).getTime());
        expect(day > beijingDate(t)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('each extra working day moves the deadline to a later working day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (t, n) => {
        // n = 0 is "today if working": never after n = 1, equal when today is not working.
        const zero = calendar.addWorkingDays(t, 0).getTime();
        const one = calendar.addWorkingDays(t, 1).getTime();
        expect(zero <= one).toBe(true);
        expect(zero === one).toBe(!calendar.isWorkingDay(t));
        const a = calendar.addWorkingDays(t, n);
        const b = calendar.addWorkingDays(t, n + 1);
        expect(b.getTime()).toBeGreaterThan(a.getTime());
        expect(calendar.nextWorkingDay(a)).toBe(beijingDate(b));
      }),
      { numRuns: 1000 },
    );
  });

  it('nextWorkingDay skips exactly the non-working days in between', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const from = beijingDate(t);
        const next = calendar.nextWorkingDay(from);
        expect(calendar.isWorkingDay(next)).toBe(true);
        let day = beijingDate(startOfBeijingDay(from).getTime() + 86_400_000);
        while (day < next) {
          expect(calendar.isWorkingDay(day)).toBe(false);
          day = beijingDate(startOfBeijingDay(day).getTime() + 86_400_000);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('merging data with itself changes nothing, and merge is idempotent', () => {
    expect(mergeCalendarData(SEED_CALENDAR, SEED_CALENDAR)).toEqual({
      ...SEED_CALENDAR,
      source: 'chinese-days@1.5.7 + chinese-days@1.5.7',
    });
    const update: CalendarData = {
      format: 1,
      publishedYears: [2027],
      holidays: { '2027-01-01': 'new_year' },
      workdays: {},
    };
    const once = mergeCalendarData(SEED_CALENDAR, update);
    const twice = mergeCalendarData(once, update);
    expect(twice.holidays).toEqual(once.holidays);
    expect(twice.workdays).toEqual(once.workdays);
    expect(twice.publishedYears).toEqual(once.publishedYears);
  });
});
