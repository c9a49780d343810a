// The committed calendar data must be what scripts/build-calendar.ts makes from the installed
// chinese-days package, and the lunar anchors must agree with the published holidays.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SEED_CALENDAR,
  addDays,
  createCalendar,
  lunarAnchors,
  LUNAR_ANCHOR_YEARS,
} from '../../../shared/calendar/index.ts';

// chinese-days reads lunar dates in the local time zone; compare in China's.
process.env.TZ = 'Asia/Shanghai';

interface ChineseDays {
  isWorkday(date: string): boolean;
  getSolarDateFromLunar(lunarDate: string): { date: string };
  getSolarTermDate(year: number, month: number, term: 'pure_brightness'): string;
}

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('chinese-days/package.json'));
const chineseDays = require('chinese-days') as ChineseDays;

describe('seed calendar data', () => {
  it('was built from the installed chinese-days version, with every entry', async () => {
    const { version } = JSON.parse(
      await readFile(path.join(packageDir, 'package.json'), 'utf8'),
    ) as { version: string };
    expect(SEED_CALENDAR.source).toBe(`chinese-days@${version}`);
    const raw = JSON.parse(
      await readFile(path.join(packageDir, 'dist/chinese-days.json'), 'utf8'),
    ) as { holidays: Record<string, string>; workdays: Record<string, string> };
    expect(Object.keys(SEED_CALENDAR.holidays)).toEqual(Object.keys(raw.holidays).sort());
    expect(Object.keys(SEED_CALENDAR.workdays)).toEqual(Object.keys(raw.workdays).sort());
    expect(SEED_CALENDAR.publishedYears).toEqual(
      Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i),
    );
  });

  it('agrees with chinese-days on every day of the published years', () => {
    const calendar = createCalendar(SEED_CALENDAR);
    let day = '2004-01-01';
    let count = 0;
    while (day <= '2026-12-31') {
      if (calendar.isWorkingDay(day) !== chineseDays.isWorkday(day)) {
        expect.fail(`${day}: ours ${calendar.isWorkingDay(day)}, chinese-days disagrees`);
      }
      day = addDays(day, 1);
      count++;
    }
    expect(count).toBe(8401);
  });

  it('has lunar anchors equal to the package’s, 2004–2100', () => {
    expect(LUNAR_ANCHOR_YEARS).toEqual({ first: 2004, last: 2100 });
    for (let year = 2004; year <= 2100; year++) {
      expect(lunarAnchors(year)).toEqual({
        springFestival: chineseDays.getSolarDateFromLunar(`${year}-01-01`).date,
        qingming: chineseDays.getSolarTermDate(year, 4, 'pure_brightness'),
        dragonBoat: chineseDays.getSolarDateFromLunar(`${year}-05-05`).date,
        midAutumn: chineseDays.getSolarDateFromLunar(`${year}-08-15`).date,
      });
    }
  });

  it('places each lunar festival inside that festival’s published holiday, 2004–2026', () => {
    const calendar = createCalendar(SEED_CALENDAR);
    const h = SEED_CALENDAR.holidays;
    // The anchor is a day off, and the festival's label is on it or a neighbour (the package
    // leaves out 2012-06-23, a Saturday inside the Dragon Boat holiday).
    const check = (anchor: string, festivals: readonly string[], what: string) => {
      expect(calendar.isWorkingDay(anchor), what).toBe(false);
      const near = [h[addDays(anchor, -1)], h[anchor], h[addDays(anchor, 1)]];
      expect(
        near.some((f) => f !== undefined && festivals.includes(f)),
        what,
      ).toBe(true);
    };
    for (let year = 2004; year <= 2026; year++) {
      const a = lunarAnchors(year);
      if (a === undefined) throw new Error(`no anchors for ${year}`);
      check(a.springFestival, ['spring_festival'], `${year} spring`);
      // Qingming, Dragon Boat and Mid-Autumn became public holidays in 2008.
      if (year >= 2008) {
        check(a.qingming, ['qingming'], `${year} qingming`);
        check(a.dragonBoat, ['dragon_boat'], `${year} dragon boat`);
        check(a.midAutumn, ['mid_autumn', 'national_day'], `${year} mid-autumn`);
      }
    }
    expect(addDays(lunarAnchors(2027)?.springFestival ?? '', -1)).toBe('2027-02-05');
  });
});
