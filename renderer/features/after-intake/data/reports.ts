// Reports: the central server's summary over the supervisor's region when online; this
// device's own documents otherwise (the same shared/reports aggregation either way).
import {
  buildReport,
  isReportGroupBy,
  type Report,
  type ReportFigures,
  type ReportGroupBy,
} from '../../../../shared/reports/index.ts';
import { ok, type Result } from '../../../../shared/result.ts';
import type { SlaConfig } from '../../../../shared/sla/index.ts';
import { data, isRecord, now, serverGet } from './context.ts';

export interface ReportAnswer {
  readonly report: Report;
  readonly names: Readonly<Record<string, string>>;
  readonly source: 'server' | 'local';
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** [start of `from`, end of `to`) in Beijing time, for YYYY-MM-DD dates. */
export function dayWindow(from: string, to: string): { from: number; to: number } {
  return {
    from: Date.parse(`${from}T00:00:00Z`) - BEIJING_OFFSET_MS,
    to: Date.parse(`${to}T00:00:00Z`) - BEIJING_OFFSET_MS + DAY_MS,
  };
}

const counts = (v: unknown): Record<string, number> =>
  isRecord(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => typeof e[1] === 'number')) : {};
const n = (v: unknown) => (typeof v === 'number' ? v : 0);
const ratio = (v: unknown) => (typeof v === 'number' ? v : null);

function figures(v: unknown): ReportFigures | null {
  if (!isRecord(v) || !isRecord(v.promises) || !isRecord(v.exceptions) || !isRecord(v.labels)) return null;
  const p = v.promises;
  const e = v.exceptions;
  const l = v.labels;
  return {
    applications: n(v.applications),
    byBusiness: counts(v.byBusiness),
    mailed: n(v.mailed),
    declined: n(v.declined),
    mailConversionRate: ratio(v.mailConversionRate),
    declineReasons: counts(v.declineReasons),
    promises: {
      met: n(p.met),
      missed: n(p.missed),
      overdue: n(p.overdue),
      atRisk: n(p.atRisk),
      onTime: n(p.onTime),
      notStarted: n(p.notStarted),
      compliance: ratio(p.compliance),
      refundsDue: n(p.refundsDue),
    },
    exceptions: { raised: n(e.raised), byKind: counts(e.byKind), resolved: n(e.resolved), overdue: n(e.overdue) },
    labels: { printed: n(l.printed), reprinted: n(l.reprinted), voided: n(l.voided) },
  };
}

export function parseReportAnswer(body: unknown): { report: Report; names: Record<string, string> } | null {
  if (!isRecord(body) || !Array.isArray(body.rows) || typeof body.groupBy !== 'string' || !isReportGroupBy(body.groupBy)) return null;
  const total = figures(body.total);
  if (!total) return null;
  const rows = [];
  for (const row of body.rows) {
    const f = isRecord(row) ? figures(row.figures) : null;
    if (!f || !isRecord(row) || typeof row.key !== 'string') return null;
    rows.push({ key: row.key, figures: f });
  }
  const names = isRecord(body.names)
    ? Object.fromEntries(Object.entries(body.names).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};
  return { report: { from: n(body.from), to: n(body.to), groupBy: body.groupBy, generatedAt: n(body.generatedAt), rows, total }, names };
}

export async function serverReport(from: string, to: string, groupBy: ReportGroupBy): Promise<Result<ReportAnswer>> {
  const answer = await serverGet('/reports/summary', { from, to, groupBy }, { parse: parseReportAnswer });
  return answer.ok ? ok({ ...answer.value, source: 'server' }) : answer;
}

export async function localReport(from: string, to: string, groupBy: ReportGroupBy, sla: SlaConfig): Promise<ReportAnswer> {
  const store = data();
  const window = dayWindow(from, to);
  const [apps, orders, prints] = await Promise.all([
    store.db.applications.find({ selector: { acceptedAt: { $gte: window.from, $lt: window.to } } }).exec(),
    store.db.workOrders.find({ selector: { raisedAt: { $gte: window.from, $lt: window.to } } }).exec(),
    store.db.printRecords.find({ selector: { at: { $gte: window.from, $lt: window.to } } }).exec(),
  ]);
  const ids = apps.map((a) => a.id);
  const events = ids.length ? await store.db.events.find({ selector: { applicationId: { $in: ids } } }).exec() : [];
  const report = buildReport(
    {
      applications: apps.map((a) => ({
        id: a.id,
        stationId: a.stationId,
        acceptanceNo: a.acceptanceNo,
        businessCode: a.businessCode,
        clerkId: a.clerkId,
        acceptedAt: a.acceptedAt,
        delivery: { method: a.delivery.method, ...(a.delivery.declineReason ? { declineReason: a.delivery.declineReason } : {}) },
        ...(a.destination ? { destination: { ...a.destination } } : {}),
      })),
      events: events.map((e) => ({ id: e.id, applicationId: e.applicationId, type: e.type, at: e.at })),
      workOrders: orders.map((o) => o.toMutableJSON()),
      printRecords: prints.map((p) => p.toMutableJSON()),
    },
    { ...window, groupBy, now: now(), sla },
  );
  return { report, names: {}, source: 'local' };
}
