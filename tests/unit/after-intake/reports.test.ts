import { describe, expect, it } from 'vitest';
import {
  buildReport,
  dailyReportSlip,
  dayKey,
  reportTable,
  toCsv,
  weekKey,
  type Report,
  type ReportFigures,
} from '../../../shared/reports/index.ts';
import {
  oracle,
  seedReportData,
  SEED_DAYS,
  SEED_FROM,
  SEED_NOW,
  comparable,
} from './report-seed.ts';

const stations = [
  { code: 'S001', clerks: ['c1', 'c2'] },
  { code: 'S002', clerks: ['c3'] },
  { code: 'V001', clerks: ['v1', 'v2'] },
];
const data = seedReportData(stations, { perDay: 8 });
const from = SEED_FROM + 2 * 86_400_000;
const to = SEED_FROM + (SEED_DAYS - 2) * 86_400_000;

function nonEmpty(report: Report) {
  return new Map(
    report.rows
      .filter(
        (r) =>
          r.figures.applications +
            r.figures.exceptions.raised +
            r.figures.labels.printed +
            r.figures.labels.reprinted +
            r.figures.labels.voided >
          0,
      )
      .map((r) => [r.key, comparable(r.figures)]),
  );
}

describe('buildReport against an independent count of a seeded data set', () => {
  it('has a data set worth testing', () => {
    expect(data.applications.length).toBeGreaterThan(100);
    expect(data.workOrders.length).toBeGreaterThan(10);
    const r = buildReport(data, { from, to, groupBy: 'station', now: SEED_NOW });
    expect(r.total.promises.met).toBeGreaterThan(0);
    expect(r.total.promises.missed + r.total.promises.overdue).toBeGreaterThan(0);
    expect(r.total.labels.voided).toBeGreaterThan(0);
  });

  for (const groupBy of ['day', 'station'] as const) {
    it(`matches by ${groupBy}`, () => {
      const report = buildReport(data, { from, to, groupBy, now: SEED_NOW });
      expect(nonEmpty(report)).toEqual(oracle(data, groupBy, from, to, SEED_NOW));
    });
  }

  it('totals equal the sum of the rows, and rates follow from the counts', () => {
    for (const groupBy of ['day', 'week', 'month', 'station', 'clerk', 'stop'] as const) {
      const r = buildReport(data, { from, to, groupBy, now: SEED_NOW });
      const sum = (f: (x: ReportFigures) => number) =>
        r.rows.reduce((s, row) => s + f(row.figures), 0);
      expect(sum((x) => x.applications)).toBe(r.total.applications);
      expect(sum((x) => x.mailed)).toBe(r.total.mailed);
      expect(sum((x) => x.exceptions.raised)).toBe(r.total.exceptions.raised);
      expect(sum((x) => x.labels.printed)).toBe(r.total.labels.printed);
      expect(r.total.mailConversionRate).toBeCloseTo(r.total.mailed / r.total.applications, 12);
      const p = r.total.promises;
      expect(p.compliance).toBeCloseTo(p.met / (p.met + p.missed + p.overdue), 12);
    }
  });

  it('lists every day of the window, empty ones as zeros', () => {
    const r = buildReport(
      { applications: [], events: [], workOrders: [], printRecords: [] },
      { from, to, groupBy: 'day', now: SEED_NOW },
    );
    expect(r.rows.map((row) => row.key)).toHaveLength(SEED_DAYS - 4);
    expect(r.rows[0]!.key).toBe(dayKey(from));
    expect(r.total.mailConversionRate).toBeNull();
    expect(r.total.promises.compliance).toBeNull();
  });
});

describe('keys, table, CSV and the daily slip', () => {
  it('uses Beijing days and ISO weeks', () => {
    expect(dayKey(Date.parse('2026-06-01T16:30:00Z'))).toBe('2026-06-02');
    expect(weekKey(Date.parse('2026-01-01T12:00:00+08:00'))).toBe('2026-W01');
    expect(weekKey(Date.parse('2027-01-01T12:00:00+08:00'))).toBe('2026-W53');
    expect(weekKey(Date.parse('2024-12-30T12:00:00+08:00'))).toBe('2025-W01');
  });

  it('flattens to a table with a total row and writes RFC 4180 CSV with a BOM', () => {
    const report = buildReport(data, { from, to, groupBy: 'station', now: SEED_NOW });
    const table = reportTable(report, {
      groupName: (k) => (k === 'S001' ? '小店, "一所"' : undefined),
    });
    expect(table.columns[0]).toMatchObject({ id: 'group', zh: '网点' });
    expect(table.rows).toHaveLength(report.rows.length + 1);
    expect(table.rows.at(-1)![0]).toBe('合计');
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFF网点,受理量,')).toBe(true);
    expect(csv).toContain('"小店, ""一所"""');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(table.rows.length + 2);
    expect(
      toCsv({ columns: [{ id: 'a', zh: 'a', en: 'a', format: 'text' }], rows: [['=1+1']] }),
    ).toContain("'=1+1");
  });

  it('prints the daily figures as a slip', () => {
    const report = buildReport(data, {
      from,
      to: from + 86_400_000,
      groupBy: 'day',
      now: SEED_NOW,
    });
    const slip = dailyReportSlip(report.total, {
      stationName: '小店邮政所',
      date: dayKey(from),
      printedAt: SEED_NOW,
    });
    expect(slip.title).toBe('警邮业务日报');
    expect(slip.lines[0]).toMatchObject({
      label: '受理量',
      value: `${report.total.applications} 件`,
    });
  });
});
