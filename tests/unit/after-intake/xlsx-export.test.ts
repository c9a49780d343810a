// The XLSX export, parsed back with an independent reader (read-excel-file), matches the
// report table cell for cell, and the table matches the independent oracle.
import { describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/universal';
import { buildReport, reportTable, toCsv } from '../../../shared/reports/index.ts';
import { reportCsv, reportXlsx } from '../../../renderer/features/after-intake/reports/export.ts';
import { oracle, seedReportData, SEED_DAYS, SEED_FROM, SEED_NOW } from './report-seed.ts';

const data = seedReportData([
  { code: 'S001', clerks: ['c1', 'c2'] },
  { code: 'S002', clerks: ['c3'] },
]);
const from = SEED_FROM;
const to = SEED_FROM + SEED_DAYS * 86_400_000;

describe('report export', () => {
  const report = buildReport(data, { from, to, groupBy: 'station', now: SEED_NOW });
  const table = reportTable(report);

  it('XLSX parses back to the same cells', async () => {
    const blob = await reportXlsx(table, 'zh', '报表');
    const sheet = await readSheet(await blob.arrayBuffer());
    expect(sheet[0]).toEqual(table.columns.map((c) => c.zh));
    expect(sheet.slice(1)).toEqual(table.rows.map((row) => row.map((cell) => cell)));
  });

  it('the parsed-back XLSX carries the independently computed figures', async () => {
    const sheet = await readSheet(await (await reportXlsx(table, 'zh')).arrayBuffer());
    const header = sheet[0]!.map(String);
    const col = (zh: string) => header.indexOf(zh);
    const expected = oracle(data, 'station', from, to, SEED_NOW);
    for (const [station, figures] of expected) {
      const row = sheet.find((r) => r[0] === station);
      expect(row, station).toBeDefined();
      expect(row![col('受理量')]).toBe(figures.applications);
      expect(row![col('邮寄量')]).toBe(figures.mailed);
      expect(row![col('超时未投')]).toBe(figures.overdue);
      expect(row![col('面单作废')]).toBe(figures.voided);
      expect(row![col('工单')]).toBe(figures.woRaised);
      expect(row![col('邮寄转化率')]).toBeCloseTo(figures.mailed / figures.applications, 4);
    }
  });

  it('CSV blob holds the UTF-8 bytes of toCsv, BOM first', async () => {
    const bytes = new Uint8Array(await reportCsv(table, 'zh').arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes).toEqual(new TextEncoder().encode(toCsv(table, 'zh')));
  });
});
