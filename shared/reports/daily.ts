// The printable daily report (日报) as an 80 mm slip (host 'slip80'); the screen prints the
// same figures as a page.
import type { SlipData, SlipLine } from '../printing/types.ts';
import type { ReportFigures } from './aggregate.ts';

const pct = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);

export interface DailySlipOptions {
  readonly stationName: string;
  /** 'YYYY-MM-DD' (Beijing). */
  readonly date: string;
  readonly printedAt: number;
  readonly businessName?: (code: string) => string | undefined;
  readonly declineReasonName?: (reason: string) => string | undefined;
}

export function dailyReportSlip(figures: ReportFigures, options: DailySlipOptions): SlipData {
  const lines: SlipLine[] = [
    { label: '受理量', value: `${figures.applications} 件`, bold: true },
    { label: '邮寄量', value: `${figures.mailed} 件` },
    { label: '邮寄转化率', value: pct(figures.mailConversionRate), bold: true },
  ];
  for (const [code, count] of Object.entries(figures.byBusiness)) {
    lines.push({ label: `  ${options.businessName?.(code) ?? code}`, value: `${count} 件` });
  }
  for (const [reason, count] of Object.entries(figures.declineReasons)) {
    lines.push({
      label: `  未邮寄·${options.declineReasonName?.(reason) ?? reason}`,
      value: `${count} 件`,
    });
  }
  const p = figures.promises;
  lines.push(
    { label: '时限达成率', value: pct(p.compliance), bold: true },
    { label: '按时/超时妥投', value: `${p.met} / ${p.missed}` },
    { label: '超时未投', value: `${p.overdue} 件` },
    { label: '应退邮费', value: `${p.refundsDue} 件` },
    { label: '工单', value: `${figures.exceptions.raised}（超期 ${figures.exceptions.overdue}）` },
    {
      label: '面单打印',
      value: `${figures.labels.printed}（重打 ${figures.labels.reprinted}，作废 ${figures.labels.voided}）`,
    },
  );
  return {
    title: '警邮业务日报',
    subtitle: `${options.stationName} ${options.date}`,
    lines,
    printedAt: options.printedAt,
    signatures: ['制表人', '负责人'],
  };
}
