// Reports: the central server's summary over the supervisor's region when online; this
// device's own documents otherwise (the same shared/reports aggregation either way).
import { buildReport, type Report, type ReportGroupBy } from '../../../../shared/reports/index.ts';
import { ok, type Result } from '../../../../shared/result.ts';
import type { SlaConfig } from '../../../../shared/sla/index.ts';
import { data, now, serverGet } from './context.ts';
import { dayWindow, parseReportAnswer } from './parse.ts';

export { dayWindow, parseReportAnswer } from './parse.ts';

export interface ReportAnswer {
  readonly report: Report;
  readonly names: Readonly<Record<string, string>>;
  readonly source: 'server' | 'local';
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
