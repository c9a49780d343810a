// Statutory holidays for a year whose official schedule is not yet known.
// The rules are those of 《全国年节及纪念日放假办法》 as revised in 2024 (in force 2025-01-01):
// New Year's Day 1 day (1-1); Spring Festival 4 days (New Year's Eve and lunar 1-1 to 1-3);
// Qingming 1 day; Labour Day 2 days (5-1, 5-2); Dragon Boat 1 day (lunar 5-5); Mid-Autumn
// 1 day (lunar 8-15); National Day 3 days (10-1 to 10-3). What the fallback cannot know is the
// yearly arrangement around them (bridging days and adjusted working weekends), which is why
// such a year is 'provisional' until the server sends the published schedule.
import { LUNAR_ANCHORS } from './data/lunar-anchors.ts';
import { addDays, civilDateFromParts } from './dates.ts';
import type { CivilDate, FestivalCode } from './types.ts';

interface LunarAnchors {
  readonly springFestival: CivilDate;
  readonly qingming: CivilDate;
  readonly dragonBoat: CivilDate;
  readonly midAutumn: CivilDate;
}

const anchors = new Map<number, LunarAnchors>();
for (const line of LUNAR_ANCHORS.split('\n')) {
  const [year, ...mmdd] = line.split(' ');
  const y = Number(year);
  const at = (i: number): CivilDate => {
    const v = mmdd[i] ?? '';
    return civilDateFromParts(y, Number(v.slice(0, 2)), Number(v.slice(2, 4)));
  };
  anchors.set(y, { springFestival: at(0), qingming: at(1), dragonBoat: at(2), midAutumn: at(3) });
}

export const LUNAR_ANCHOR_YEARS = {
  first: Math.min(...anchors.keys()),
  last: Math.max(...anchors.keys()),
};

export function lunarAnchors(year: number): LunarAnchors | undefined {
  return anchors.get(year);
}

/**
 * Statutory days off of a year. Beyond the lunar table (after 2100) only the fixed-date
 * holidays are known; `lunarKnown` says so.
 */
export function statutoryHolidays(year: number): {
  readonly days: ReadonlyMap<CivilDate, FestivalCode>;
  readonly lunarKnown: boolean;
} {
  const days = new Map<CivilDate, FestivalCode>();
  const add = (date: CivilDate, festival: FestivalCode) => {
    if (!days.has(date)) days.set(date, festival);
  };
  add(civilDateFromParts(year, 1, 1), 'new_year');
  const lunar = anchors.get(year);
  if (lunar !== undefined) {
    for (let offset = -1; offset <= 2; offset++) {
      add(addDays(lunar.springFestival, offset), 'spring_festival');
    }
    add(lunar.qingming, 'qingming');
    add(lunar.dragonBoat, 'dragon_boat');
    add(lunar.midAutumn, 'mid_autumn');
  }
  add(civilDateFromParts(year, 5, 1), 'labour_day');
  add(civilDateFromParts(year, 5, 2), 'labour_day');
  for (let day = 1; day <= 3; day++) add(civilDateFromParts(year, 10, day), 'national_day');
  return { days, lunarKnown: lunar !== undefined };
}
