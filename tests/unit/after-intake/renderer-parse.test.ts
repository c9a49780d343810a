// The renderer's parsing of the server's answers: a report survives JSON and the parser
// unchanged; malformed answers are refused rather than shown half-read.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../shared/reports/index.ts';
import {
  dayWindow,
  isBirthDate,
  parseReportAnswer,
  parseTrack,
} from '../../../renderer/features/after-intake/data/parse.ts';
import { seedReportData, SEED_FROM, SEED_NOW } from './report-seed.ts';

describe('parseReportAnswer', () => {
  const data = seedReportData([{ code: 'S001', clerks: ['c1'] }]);
  const report = buildReport(data, {
    from: SEED_FROM,
    to: SEED_FROM + 7 * 86_400_000,
    groupBy: 'day',
    now: SEED_NOW,
  });

  it('reads back what the server sends', () => {
    const wire = JSON.parse(
      JSON.stringify({ ...report, names: { S001: '一所' }, stations: ['S001'] }),
    );
    expect(parseReportAnswer(wire)).toEqual({ report, names: { S001: '一所' } });
  });

  it('refuses malformed answers', () => {
    expect(parseReportAnswer(null)).toBeNull();
    expect(parseReportAnswer({ ...report, groupBy: 'year' })).toBeNull();
    expect(parseReportAnswer({ ...report, total: { applications: 1 } })).toBeNull();
    expect(parseReportAnswer({ ...report, rows: [{ key: 1, figures: report.total }] })).toBeNull();
  });
});

describe('parseTrack and inputs', () => {
  it('reads the track answer', () => {
    const parsed = parseTrack({
      acceptanceNo: 'A1',
      business: { code: 'ID_RENEWAL', name: '居民身份证有效期满换领', nameEn: 'Renewal' },
      status: { code: 'packed', label: '已封装', labelEn: 'Packed' },
      delivery: 'mail',
      recipient: { name: '张*', address: '山西省太原市迎泽区****' },
      waybillNo: 'EA000000080CN',
      dueAt: 5,
      events: [{ type: 'packed', label: '封装', labelEn: 'Packed', at: 3, place: '一所' }, 'junk'],
    });
    expect(parsed).toMatchObject({
      acceptanceNo: 'A1',
      status: { label: '已封装' },
      recipient: { name: '张*' },
      events: [{ type: 'packed', place: '一所' }],
    });
    expect(parseTrack({ nope: true })).toBeNull();
  });

  it('checks birth dates and turns Beijing days into a window', () => {
    expect(isBirthDate('19900307')).toBe(true);
    expect(isBirthDate('19901307')).toBe(false);
    expect(isBirthDate('1990037')).toBe(false);
    expect(dayWindow('2026-10-01', '2026-10-01')).toEqual({
      from: Date.parse('2026-10-01T00:00:00+08:00'),
      to: Date.parse('2026-10-02T00:00:00+08:00'),
    });
  });
});
