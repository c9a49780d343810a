// 统计报表 for supervisors: figures by day/week/month or station/clerk/van stop, charts,
// the table, XLSX/CSV export and a printable daily report (page or 80 mm slip).
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import {
  FileExcelOutlined,
  FileTextOutlined,
  PrinterOutlined,
  BarChartOutlined,
} from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  dailyReportSlip,
  dayKey,
  REPORT_GROUPINGS,
  reportTable,
  type ReportGroupBy,
  type TableNames,
} from '../../../../shared/reports/index.ts';
import { WORK_ORDER_KINDS, isWorkOrderKind } from '../../../../shared/work-orders/index.ts';
import { printLabel } from '../../../app/data/printing.ts';
import { useSlaConfig } from '../../../app/data/config.ts';
import { useSession } from '../../../stores/session.ts';
import { now } from '../data/context.ts';
import { localReport, serverReport, type ReportAnswer } from '../data/reports.ts';
import {
  afterIntakeResources,
  useAfterIntakeText,
  type AfterIntakeMessages,
} from '../i18n/index.ts';
import { businessName, percent, time } from '../common/format.ts';
import { businessChart, declineChart, rateChart, volumeChart, type ChartNames } from './charts.ts';
import { EChart } from './EChart.tsx';
import { download, reportCsv, reportXlsx } from './export.ts';
import './print.css';

type Source = 'server' | 'local';

/** The label of a decline reason code the intake screen records, if it is a known one. */
const reasonLabel = (m: AfterIntakeMessages, reason: string): string | undefined =>
  Object.entries(m.reports.declineReasons).find(([code]) => code === reason)?.[1];

/** The fixed figures (not the per-business / per-reason / per-kind breakdowns) fit on paper. */
const onPaper = (id: string) => !/^(business|decline|workOrder)\./.test(id);

export function ReportsPage() {
  const { m, lang, pick } = useAfterIntakeText();
  const { message } = App.useApp();
  const session = useSession((s) => s.session);
  const sla = useSlaConfig();
  const today = dayKey(now());
  const [from, setFrom] = useState(dayKey(now() - 6 * 86_400_000));
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<ReportGroupBy>('day');
  const [source, setSource] = useState<Source>(
    session?.role === 'supervisor' || session?.role === 'admin' ? 'server' : 'local',
  );
  const [answer, setAnswer] = useState<ReportAnswer | null>(null);
  const [fellBack, setFellBack] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async () => {
    if (to < from) return void message.error(m.reports.rangeInvalid);
    setBusy(true);
    try {
      if (source === 'server') {
        const online = await serverReport(from, to, groupBy);
        if (online.ok) {
          setAnswer(online.value);
          setFellBack(false);
          return;
        }
        setFellBack(true);
      }
      setAnswer(await localReport(from, to, groupBy, sla));
    } finally {
      setBusy(false);
    }
  }, [from, to, groupBy, source, sla, message, m]);

  useEffect(() => {
    // Once on entry; later runs are on request (the button).
    void run();
  }, []);

  const tableNames: TableNames = useMemo(
    () => ({
      groupName: (key) => answer?.names[key],
      businessName: (code) => ({ zh: businessName(code, 'zh'), en: businessName(code, 'en') }),
      declineReasonName: (reason) => {
        const zh = reasonLabel(afterIntakeResources['zh-CN'], reason);
        const en = reasonLabel(afterIntakeResources.en, reason);
        return zh && en ? { zh, en } : undefined;
      },
      workOrderKindName: (kind) => (isWorkOrderKind(kind) ? WORK_ORDER_KINDS[kind] : undefined),
    }),
    [answer, m],
  );
  const table = useMemo(
    () => (answer ? reportTable(answer.report, tableNames) : null),
    [answer, tableNames],
  );
  const chartNames: ChartNames = useMemo(
    () => ({
      group: (key) => answer?.names[key] ?? (key || '—'),
      business: (code) => businessName(code, lang),
      reason: (reason) => reasonLabel(m, reason) ?? reason,
    }),
    [answer, lang, m],
  );
  const charts = useMemo(
    () =>
      answer
        ? {
            volume: volumeChart(answer.report, m, chartNames),
            rates: rateChart(answer.report, m, chartNames),
            decline: declineChart(answer.report, chartNames),
            business: businessChart(answer.report, chartNames),
          }
        : null,
    [answer, m, chartNames],
  );

  const fileName = (ext: string) => `waypost-report-${groupBy}-${from}_${to}.${ext}`;
  const exportXlsx = async () =>
    table && download(await reportXlsx(table, lang, m.nav.reports), fileName('xlsx'));
  const exportCsv = () => table && download(reportCsv(table, lang), fileName('csv'));
  const printSlip = async () => {
    if (!answer || !session) return;
    const slip = dailyReportSlip(answer.report.total, {
      stationName: session.stationName || session.stationId,
      date: from === to ? from : `${from}~${to}`,
      printedAt: now(),
      businessName: (code) => businessName(code, 'zh'),
      declineReasonName: (r) => reasonLabel(afterIntakeResources['zh-CN'], r),
    });
    const printed = await printLabel({
      labelKey: `daily:${from}:${to}:${now()}`,
      label: { kind: 'slip80', slip },
      session,
    });
    if (!printed.ok)
      void message.error(lang === 'en' ? printed.error.messageEn : printed.error.message);
  };

  const total = answer?.report.total;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{m.reports.from}</span>
        <Input
          type="date"
          value={from}
          max={to}
          onChange={(e) => setFrom(e.target.value)}
          style={{ width: 150 }}
          data-testid="report-from"
        />
        <span>{m.reports.to}</span>
        <Input
          type="date"
          value={to}
          min={from}
          onChange={(e) => setTo(e.target.value)}
          style={{ width: 150 }}
          data-testid="report-to"
        />
        <Select
          value={groupBy}
          onChange={setGroupBy}
          style={{ width: 130 }}
          data-testid="report-group-by"
          options={REPORT_GROUPINGS.map((g) => ({ value: g, label: m.reports.groupByOptions[g] }))}
        />
        <Select
          value={source}
          onChange={setSource}
          style={{ width: 140 }}
          options={[
            { value: 'server', label: m.common.sourceServer },
            { value: 'local', label: m.common.sourceLocal },
          ]}
        />
        <Button
          type="primary"
          icon={<BarChartOutlined />}
          loading={busy}
          onClick={() => void run()}
          data-testid="report-run"
        >
          {m.reports.run}
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          disabled={!table}
          onClick={() => void exportXlsx()}
          data-testid="report-xlsx"
        >
          {m.reports.exportXlsx}
        </Button>
        <Button
          icon={<FileTextOutlined />}
          disabled={!table}
          onClick={exportCsv}
          data-testid="report-csv"
        >
          {m.reports.exportCsv}
        </Button>
        <Button icon={<PrinterOutlined />} disabled={!answer} onClick={() => window.print()}>
          {m.reports.printDaily}
        </Button>
        <Button icon={<PrinterOutlined />} disabled={!answer} onClick={() => void printSlip()}>
          {m.reports.printSlip}
        </Button>
        {answer && (
          <Tag>{answer.source === 'server' ? m.common.sourceServer : m.common.sourceLocal}</Tag>
        )}
      </Space>
      {fellBack && <Alert type="warning" showIcon title={m.reports.serverFailed} />}
      {total && (
        <Row gutter={[12, 12]}>
          {[
            {
              title: m.reports.applications,
              value: String(total.applications),
              id: 'applications',
            },
            {
              title: m.reports.mailConversion,
              value: percent(total.mailConversionRate),
              id: 'conversion',
            },
            {
              title: m.reports.compliance,
              value: percent(total.promises.compliance),
              id: 'compliance',
            },
            { title: m.reports.refunds, value: String(total.promises.refundsDue), id: 'refunds' },
            {
              title: m.reports.workOrders,
              value: `${total.exceptions.raised}（${total.exceptions.overdue}）`,
              id: 'work-orders',
            },
            {
              title: m.reports.labels,
              value: `${total.labels.printed} / ${total.labels.reprinted} / ${total.labels.voided}`,
              id: 'labels',
            },
          ].map((s) => (
            <Col key={s.id} xs={12} md={8} xl={4}>
              <Card size="small">
                <Statistic title={s.title} value={s.value} data-testid={`stat-${s.id}`} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {charts && (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={m.reports.chartVolume}>
              <EChart option={charts.volume} testId="chart-volume" />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={m.reports.chartRates}>
              <EChart option={charts.rates} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={m.reports.chartDecline}>
              <EChart option={charts.decline} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={m.reports.chartBusiness}>
              <EChart option={charts.business} />
            </Card>
          </Col>
        </Row>
      )}
      {table && (
        <Table
          data-testid="report-table"
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={table.rows.map((row) => ({ row }))}
          columns={table.columns.map((c, i) => ({
            title: pick(c),
            fixed: i === 0 ? ('left' as const) : undefined,
            render: (_: unknown, r: { row: readonly (string | number | null)[] }) => {
              const cell = r.row[i] ?? null;
              return c.format === 'ratio' ? percent(typeof cell === 'number' ? cell : null) : cell;
            },
          }))}
        />
      )}
      {answer && table && (
        <div className="wp-daily-report" aria-hidden>
          <h2>
            {m.reports.dailyTitle} · {session?.stationName ?? ''} ·{' '}
            {from === to ? from : `${from} ~ ${to}`}
          </h2>
          <p>
            {m.reports.generatedAt}: {time(answer.report.generatedAt)}
          </p>
          <table>
            <thead>
              <tr>
                {table.columns
                  .filter((c) => onPaper(c.id))
                  .map((c) => (
                    <th key={c.id}>{pick(c)}</th>
                  ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.slice(0, 17).map((cell, j) => (
                    <td key={j}>
                      {table.columns[j]?.format === 'ratio'
                        ? percent(typeof cell === 'number' ? cell : null)
                        : cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Space>
  );
}
