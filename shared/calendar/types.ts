// The working-day calendar as plain JSON-able data, so the central server can serve next
// year's schedule (published each November–December) and clients store it without an app
// release. Dates are calendar dates in China (Asia/Shanghai, UTC+8, no daylight saving).

/** A calendar date in China, 'YYYY-MM-DD'. */
export type CivilDate = string;

/** Stable festival code, e.g. 'spring_festival' (FESTIVAL_LABELS has the known ones). */
export type FestivalCode = string;

export interface CalendarData {
  readonly format: 1;
  /** Where the data came from, for support (e.g. 'chinese-days@1.5.7', '国办发明电〔2026〕x号'). */
  readonly source?: string;
  /** Years whose official schedule (国务院办公厅 notice) is included in full. */
  readonly publishedYears: readonly number[];
  /** Days off within holiday periods, weekend days inside them included. */
  readonly holidays: Readonly<Record<CivilDate, FestivalCode>>;
  /** Adjusted working days (调休上班), usually a Saturday or Sunday. */
  readonly workdays: Readonly<Record<CivilDate, FestivalCode>>;
}

export type YearStatus = 'published' | 'provisional';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  readonly date: CivilDate;
  readonly working: boolean;
  readonly kind: DayKind;
  readonly festival: FestivalCode | null;
  /** True when the year's schedule is not published and the answer comes from the fallback rules. */
  readonly provisional: boolean;
}

export const FESTIVAL_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  new_year: { zh: '元旦', en: "New Year's Day" },
  spring_festival: { zh: '春节', en: 'Spring Festival' },
  qingming: { zh: '清明节', en: 'Qingming Festival' },
  labour_day: { zh: '劳动节', en: 'Labour Day' },
  dragon_boat: { zh: '端午节', en: 'Dragon Boat Festival' },
  mid_autumn: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  national_day: { zh: '国庆节', en: 'National Day' },
  victory_day_70th: {
    zh: '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日',
    en: '70th anniversary of the victory in the War of Resistance',
  },
};
