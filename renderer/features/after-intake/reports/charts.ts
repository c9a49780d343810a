// Chart options from a report: volumes (mailed vs declined), rates (conversion, compliance),
// decline reasons and business mix.
import type { Report } from '../../../../shared/reports/index.ts';
import type { AfterIntakeMessages } from '../i18n/index.ts';
import type { ChartOption } from './EChart.tsx';

export interface ChartNames {
  readonly group: (key: string) => string;
  readonly business: (code: string) => string;
  readonly reason: (reason: string) => string;
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function volumeChart(
  report: Report,
  m: AfterIntakeMessages,
  names: ChartNames,
): ChartOption {
  const keys = report.rows.map((r) => names.group(r.key));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 40 },
    xAxis: { type: 'category', data: keys, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: m.reports.mailed,
        type: 'bar',
        stack: 'v',
        data: report.rows.map((r) => r.figures.mailed),
      },
      {
        name: m.reports.declined,
        type: 'bar',
        stack: 'v',
        data: report.rows.map((r) => r.figures.declined),
      },
    ],
  };
}

export function rateChart(report: Report, m: AfterIntakeMessages, names: ChartNames): ChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—'),
    },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 40 },
    xAxis: {
      type: 'category',
      data: report.rows.map((r) => names.group(r.key)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: m.reports.mailConversion,
        type: 'line',
        connectNulls: true,
        data: report.rows.map((r) => pct(r.figures.mailConversionRate)),
      },
      {
        name: m.reports.compliance,
        type: 'line',
        connectNulls: true,
        data: report.rows.map((r) => pct(r.figures.promises.compliance)),
      },
    ],
  };
}

function pie(entries: [string, number][], label: (k: string) => string): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        top: 0,
        bottom: 28,
        data: entries.map(([k, v]) => ({ name: label(k), value: v })),
      },
    ],
  };
}

export const declineChart = (report: Report, names: ChartNames) =>
  pie(Object.entries(report.total.declineReasons), names.reason);

export const businessChart = (report: Report, names: ChartNames) =>
  pie(Object.entries(report.total.byBusiness), names.business);
