// Supervisor reports (报表): pure aggregation of synced documents into figures per day, week
// or month, or per station, clerk or van stop. The server runs the SAME function over the
// documents of a supervisor's region, so a station's screen and the central report agree.
//
// What falls in the window [from, to) and where it is counted:
//   applications by acceptedAt; volumes, mail conversion and decline reasons by the
//     application's day / station / clerk (受理人) / van stop;
//   delivery promises of those same applications, judged at `now`;
//   work orders by raisedAt (time groups), else by their item's station / clerk / stop
//     (the raising station and person when the item is not in the data);
//   print-ledger records of waybill labels by `at` (time groups), station, the printing staff
//     member (clerk), or their item's stop.
import type { SlaConfig } from '../sla/index.ts';
import {
  deliveryPromise,
  groupEventsByApplication,
  type ItemEvent,
  type PromiseApplication,
} from '../promises/index.ts';
import type { PrintRecordDoc, WorkOrderDoc } from '../sync/collections.ts';
import { workOrderState } from '../work-orders/index.ts';
import { isTimeGrouping, timeKey, timeKeysBetween, type ReportGroupBy } from './keys.ts';

/** Applications as reports read them; `vanStop` names the community a van accepted at, where recorded. */
export type ReportApplication = PromiseApplication & { readonly vanStop?: string };
export type ReportWorkOrder = Pick<
  WorkOrderDoc,
  'id' | 'stationId' | 'applicationId' | 'kind' | 'status' | 'raisedBy' | 'raisedAt' | 'deadlineAt'
> &
  Partial<Pick<WorkOrderDoc, 'resolvedAt'>>;
export type ReportPrintRecord = Pick<
  PrintRecordDoc,
  'id' | 'stationId' | 'action' | 'staffId' | 'at'
> &
  Partial<Pick<PrintRecordDoc, 'applicationId' | 'labelKind'>>;

export interface ReportInput {
  readonly applications: Iterable<ReportApplication>;
  readonly events: Iterable<ItemEvent>;
  readonly workOrders: Iterable<ReportWorkOrder>;
  readonly printRecords: Iterable<ReportPrintRecord>;
}

export interface ReportOptions {
  /** Inclusive start, epoch ms. */
  readonly from: number;
  /** Exclusive end, epoch ms. */
  readonly to: number;
  readonly groupBy: ReportGroupBy;
  /** When promises and work-order deadlines are judged. */
  readonly now: number;
  readonly sla?: SlaConfig;
  readonly clockStart?: 'mail_acceptance' | 'acceptance';
}

export interface PromiseFigures {
  readonly met: number;
  readonly missed: number;
  /** Open and past due at `now`. */
  readonly overdue: number;
  readonly atRisk: number;
  /** Open, on the clock, not at risk. */
  readonly onTime: number;
  /** Mailed but not yet taken in by the post. */
  readonly notStarted: number;
  /** met / (met + missed + overdue); null when none is settled. */
  readonly compliance: number | null;
  /** Overdue or late items owed a postage refund. */
  readonly refundsDue: number;
}

export interface ExceptionFigures {
  readonly raised: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly resolved: number;
  /** Open past the deadline, or resolved after it. */
  readonly overdue: number;
}

export interface LabelFigures {
  readonly printed: number;
  readonly reprinted: number;
  readonly voided: number;
}

export interface ReportFigures {
  readonly applications: number;
  readonly byBusiness: Readonly<Record<string, number>>;
  readonly mailed: number;
  /** Declined mailing (collect in person). */
  readonly declined: number;
  /** mailed / applications; null without applications. */
  readonly mailConversionRate: number | null;
  /** Why applicants declined mailing; 'unspecified' when no reason was recorded. */
  readonly declineReasons: Readonly<Record<string, number>>;
  readonly promises: PromiseFigures;
  readonly exceptions: ExceptionFigures;
  readonly labels: LabelFigures;
}

export interface ReportRow {
  /** Day 'YYYY-MM-DD', week 'YYYY-Www', month 'YYYY-MM', station code, staff id or stop name; '' when unknown. */
  readonly key: string;
  readonly figures: ReportFigures;
}

export interface Report {
  readonly from: number;
  readonly to: number;
  readonly groupBy: ReportGroupBy;
  readonly generatedAt: number;
  readonly rows: readonly ReportRow[];
  readonly total: ReportFigures;
}

export const UNSPECIFIED_REASON = 'unspecified';

interface Acc {
  applications: number;
  byBusiness: Map<string, number>;
  mailed: number;
  declined: number;
  declineReasons: Map<string, number>;
  met: number;
  missed: number;
  overdue: number;
  atRisk: number;
  onTime: number;
  notStarted: number;
  refundsDue: number;
  raised: number;
  byKind: Map<string, number>;
  resolved: number;
  woOverdue: number;
  printed: number;
  reprinted: number;
  voided: number;
}

const newAcc = (): Acc => ({
  applications: 0,
  byBusiness: new Map(),
  mailed: 0,
  declined: 0,
  declineReasons: new Map(),
  met: 0,
  missed: 0,
  overdue: 0,
  atRisk: 0,
  onTime: 0,
  notStarted: 0,
  refundsDue: 0,
  raised: 0,
  byKind: new Map(),
  resolved: 0,
  woOverdue: 0,
  printed: 0,
  reprinted: 0,
  voided: 0,
});

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

const sortedRecord = (map: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function figures(acc: Acc): ReportFigures {
  const settled = acc.met + acc.missed + acc.overdue;
  return {
    applications: acc.applications,
    byBusiness: sortedRecord(acc.byBusiness),
    mailed: acc.mailed,
    declined: acc.declined,
    mailConversionRate: acc.applications === 0 ? null : acc.mailed / acc.applications,
    declineReasons: sortedRecord(acc.declineReasons),
    promises: {
      met: acc.met,
      missed: acc.missed,
      overdue: acc.overdue,
      atRisk: acc.atRisk,
      onTime: acc.onTime,
      notStarted: acc.notStarted,
      compliance: settled === 0 ? null : acc.met / settled,
      refundsDue: acc.refundsDue,
    },
    exceptions: {
      raised: acc.raised,
      byKind: sortedRecord(acc.byKind),
      resolved: acc.resolved,
      overdue: acc.woOverdue,
    },
    labels: { printed: acc.printed, reprinted: acc.reprinted, voided: acc.voided },
  };
}

const inWindow = (at: number, o: ReportOptions) => at >= o.from && at < o.to;

const isWaybillLabel = (r: ReportPrintRecord) =>
  r.labelKind === undefined || r.labelKind === 'ems100x150' || r.labelKind === 'ems76x130';

export function buildReport(input: ReportInput, options: ReportOptions): Report {
  const groups = new Map<string, Acc>();
  const total = newAcc();
  const accFor = (key: string) => {
    let acc = groups.get(key);
    if (acc === undefined) groups.set(key, (acc = newAcc()));
    return acc;
  };
  const both = (key: string, f: (acc: Acc) => void) => {
    f(accFor(key));
    f(total);
  };
  const time = isTimeGrouping(options.groupBy) ? options.groupBy : null;
  const appKey = (app: ReportApplication): string =>
    time !== null
      ? timeKey(app.acceptedAt, time)
      : options.groupBy === 'station'
        ? app.stationId
        : options.groupBy === 'clerk'
          ? app.clerkId
          : (app.vanStop ?? '');

  const allApps = new Map<string, ReportApplication>();
  for (const app of input.applications) allApps.set(app.id, app);
  const eventsByApp = groupEventsByApplication(input.events);
  const workOrders = [...input.workOrders];
  const ordersByApp = new Map<string, ReportWorkOrder[]>();
  for (const w of workOrders) {
    const list = ordersByApp.get(w.applicationId);
    if (list === undefined) ordersByApp.set(w.applicationId, [w]);
    else list.push(w);
  }

  for (const app of allApps.values()) {
    if (!inWindow(app.acceptedAt, options)) continue;
    const promise = deliveryPromise(
      app,
      eventsByApp.get(app.id) ?? [],
      {
        now: options.now,
        ...(options.sla ? { sla: options.sla } : {}),
        ...(options.clockStart ? { clockStart: options.clockStart } : {}),
      },
      ordersByApp.get(app.id) ?? [],
    );
    both(appKey(app), (acc) => {
      acc.applications += 1;
      bump(acc.byBusiness, app.businessCode);
      if (app.delivery.method === 'mail') acc.mailed += 1;
      else {
        acc.declined += 1;
        bump(acc.declineReasons, app.delivery.declineReason?.trim() || UNSPECIFIED_REASON);
      }
      switch (promise.state) {
        case 'met':
          acc.met += 1;
          break;
        case 'missed':
          acc.missed += 1;
          break;
        case 'overdue':
          acc.overdue += 1;
          break;
        case 'at_risk':
          acc.atRisk += 1;
          break;
        case 'on_time':
          acc.onTime += 1;
          break;
        case 'not_started':
          acc.notStarted += 1;
          break;
        default:
          break;
      }
      if (promise.refundDue) acc.refundsDue += 1;
    });
  }

  const itemKey = (
    applicationId: string | undefined,
    fallback: { stationId: string; staff: string },
  ): string => {
    const app = applicationId === undefined ? undefined : allApps.get(applicationId);
    switch (options.groupBy) {
      case 'station':
        return app?.stationId ?? fallback.stationId;
      case 'clerk':
        return app?.clerkId ?? fallback.staff;
      default:
        return app?.vanStop ?? '';
    }
  };

  for (const w of workOrders) {
    if (!inWindow(w.raisedAt, options)) continue;
    const key =
      time !== null
        ? timeKey(w.raisedAt, time)
        : itemKey(w.applicationId, { stationId: w.stationId, staff: w.raisedBy });
    const state = workOrderState(w, options.now);
    both(key, (acc) => {
      acc.raised += 1;
      bump(acc.byKind, w.kind);
      if (w.status === 'resolved') acc.resolved += 1;
      if (state === 'overdue' || state === 'resolved_late') acc.woOverdue += 1;
    });
  }

  for (const r of input.printRecords) {
    // Waybill labels only: manifests, receipts and slips are not "labels printed".
    if (!inWindow(r.at, options) || !isWaybillLabel(r)) continue;
    const key =
      time !== null
        ? timeKey(r.at, time)
        : options.groupBy === 'station'
          ? r.stationId
          : options.groupBy === 'clerk'
            ? r.staffId
            : itemKey(r.applicationId, { stationId: r.stationId, staff: r.staffId });
    both(key, (acc) => {
      if (r.action === 'print') acc.printed += 1;
      else if (r.action === 'reprint') acc.reprinted += 1;
      else acc.voided += 1;
    });
  }

  // Time rows include empty periods, so charts show the gaps as zeros.
  if (time !== null) for (const key of timeKeysBetween(options.from, options.to, time)) accFor(key);
  const rows = [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([key, acc]) => ({ key, figures: figures(acc) }));
  return {
    from: options.from,
    to: options.to,
    groupBy: options.groupBy,
    generatedAt: options.now,
    rows,
    total: figures(total),
  };
}
