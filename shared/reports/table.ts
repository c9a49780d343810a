// A report as a flat table (one row per group plus a total), for the screen, CSV and XLSX.
import type { Report, ReportFigures } from './aggregate.ts';
import type { ReportGroupBy } from './keys.ts';

export type Cell = string | number | null;

export interface ReportColumn {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  /** How to show a number: a count, or a ratio shown as a percentage. */
  readonly format: 'text' | 'count' | 'ratio';
}

export interface ReportTable {
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly Cell[])[];
}

export const GROUP_COLUMN_LABELS = {
  day: { zh: '日期', en: 'Day' },
  week: { zh: '周', en: 'Week' },
  month: { zh: '月份', en: 'Month' },
  station: { zh: '网点', en: 'Station' },
  clerk: { zh: '受理人', en: 'Clerk' },
  stop: { zh: '流动站点', en: 'Van stop' },
} as const satisfies Record<ReportGroupBy, { zh: string; en: string }>;

const FIXED: readonly (ReportColumn & { readonly value: (f: ReportFigures) => Cell })[] = [
  {
    id: 'applications',
    zh: '受理量',
    en: 'Applications',
    format: 'count',
    value: (f) => f.applications,
  },
  { id: 'mailed', zh: '邮寄量', en: 'Mailed', format: 'count', value: (f) => f.mailed },
  {
    id: 'declined',
    zh: '未选邮寄',
    en: 'Declined mail',
    format: 'count',
    value: (f) => f.declined,
  },
  {
    id: 'mailConversionRate',
    zh: '邮寄转化率',
    en: 'Mail conversion',
    format: 'ratio',
    value: (f) => f.mailConversionRate,
  },
  {
    id: 'promises.met',
    zh: '按时妥投',
    en: 'Delivered on time',
    format: 'count',
    value: (f) => f.promises.met,
  },
  {
    id: 'promises.missed',
    zh: '超时妥投',
    en: 'Delivered late',
    format: 'count',
    value: (f) => f.promises.missed,
  },
  {
    id: 'promises.overdue',
    zh: '超时未投',
    en: 'Overdue',
    format: 'count',
    value: (f) => f.promises.overdue,
  },
  {
    id: 'promises.atRisk',
    zh: '即将超时',
    en: 'At risk',
    format: 'count',
    value: (f) => f.promises.atRisk,
  },
  {
    id: 'promises.compliance',
    zh: '时限达成率',
    en: 'Promise compliance',
    format: 'ratio',
    value: (f) => f.promises.compliance,
  },
  {
    id: 'promises.refundsDue',
    zh: '应退邮费',
    en: 'Refunds due',
    format: 'count',
    value: (f) => f.promises.refundsDue,
  },
  {
    id: 'exceptions.raised',
    zh: '工单',
    en: 'Work orders',
    format: 'count',
    value: (f) => f.exceptions.raised,
  },
  {
    id: 'exceptions.resolved',
    zh: '工单办结',
    en: 'Resolved',
    format: 'count',
    value: (f) => f.exceptions.resolved,
  },
  {
    id: 'exceptions.overdue',
    zh: '工单超期',
    en: 'Work orders overdue',
    format: 'count',
    value: (f) => f.exceptions.overdue,
  },
  {
    id: 'labels.printed',
    zh: '面单打印',
    en: 'Labels printed',
    format: 'count',
    value: (f) => f.labels.printed,
  },
  {
    id: 'labels.reprinted',
    zh: '面单重打',
    en: 'Labels reprinted',
    format: 'count',
    value: (f) => f.labels.reprinted,
  },
  {
    id: 'labels.voided',
    zh: '面单作废',
    en: 'Labels voided',
    format: 'count',
    value: (f) => f.labels.voided,
  },
];

export interface TableNames {
  /** Display name of a group key (station name, staff name, …); the key itself when absent. */
  readonly groupName?: (key: string) => string | undefined;
  readonly businessName?: (code: string) => { zh: string; en: string } | undefined;
  readonly declineReasonName?: (reason: string) => { zh: string; en: string } | undefined;
  readonly workOrderKindName?: (kind: string) => { zh: string; en: string } | undefined;
}

/** Ratios are rounded to 4 decimals so exports and screens show the same number. */
export function roundRatio(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

export function reportTable(report: Report, names: TableNames = {}): ReportTable {
  const businesses = Object.keys(report.total.byBusiness);
  const reasons = Object.keys(report.total.declineReasons);
  const kinds = Object.keys(report.total.exceptions.byKind);
  const group = GROUP_COLUMN_LABELS[report.groupBy];
  const columns: ReportColumn[] = [
    { id: 'group', zh: group.zh, en: group.en, format: 'text' },
    ...FIXED.map(({ id, zh, en, format }) => ({ id, zh, en, format })),
    ...businesses.map((code) => {
      const name = names.businessName?.(code) ?? { zh: code, en: code };
      return {
        id: `business.${code}`,
        zh: `受理量·${name.zh}`,
        en: `Applications: ${name.en}`,
        format: 'count' as const,
      };
    }),
    ...reasons.map((reason) => {
      const name = names.declineReasonName?.(reason) ?? { zh: reason, en: reason };
      return {
        id: `decline.${reason}`,
        zh: `未邮寄原因·${name.zh}`,
        en: `Declined: ${name.en}`,
        format: 'count' as const,
      };
    }),
    ...kinds.map((kind) => {
      const name = names.workOrderKindName?.(kind) ?? { zh: kind, en: kind };
      return {
        id: `workOrder.${kind}`,
        zh: `工单·${name.zh}`,
        en: `Work orders: ${name.en}`,
        format: 'count' as const,
      };
    }),
  ];
  const line = (label: string, f: ReportFigures): Cell[] => [
    label,
    ...FIXED.map((c) => {
      const value = c.value(f);
      return c.format === 'ratio' && typeof value === 'number' ? roundRatio(value) : value;
    }),
    ...businesses.map((code) => f.byBusiness[code] ?? 0),
    ...reasons.map((reason) => f.declineReasons[reason] ?? 0),
    ...kinds.map((kind) => f.exceptions.byKind[kind] ?? 0),
  ];
  const rows = report.rows.map((row) =>
    line(row.key === '' ? '（未记录）' : (names.groupName?.(row.key) ?? row.key), row.figures),
  );
  rows.push(line('合计', report.total));
  return { columns, rows };
}

/** A cell as CSV/spreadsheet text: defuses formula injection (=, +, -, @ at the start). */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : safeText(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 BOM (so spreadsheet programs read the Chinese), CRLF line ends. */
export function toCsv(table: ReportTable, lang: 'zh' | 'en' = 'zh'): string {
  const header = table.columns.map((c) => csvField(lang === 'zh' ? c.zh : c.en));
  const lines = [header.join(','), ...table.rows.map((row) => row.map(csvField).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
