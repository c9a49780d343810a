// Reading the documents a report needs, station-scoped, into the shapes shared/reports takes.
// Personal data (applicant, recipient — stored encrypted) is never selected.
import type { Scope } from '../auth/scope.ts';
import type { Queryable } from '../db/types.ts';
import type { ItemEvent } from '../../shared/promises/index.ts';
import type {
  ReportApplication,
  ReportInput,
  ReportPrintRecord,
  ReportWorkOrder,
} from '../../shared/reports/index.ts';
import { isSlaTier } from '../../shared/sla/index.ts';
import { isWorkOrderKind } from '../../shared/work-orders/index.ts';

type Doc = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const rec = (v: unknown): Doc =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v))
    : {};

/** Stations the report covers: the caller's scope, narrowed to one station if asked. Null = all. */
export function reportStations(scope: Scope, stationId?: string): readonly string[] | null {
  if (scope.kind === 'all') return stationId ? [stationId] : null;
  return stationId ? scope.stations.filter((s) => s === stationId) : scope.stations;
}

async function docs(
  db: Queryable,
  collection: string,
  timeField: 'acceptedAt' | 'raisedAt' | 'at',
  from: number,
  to: number,
  stations: readonly string[] | null,
): Promise<Doc[]> {
  const params = [collection, String(from), String(to), ...(stations ? [stations] : [])];
  const { rows } = await db.query<{ doc: Doc }>(
    `SELECT doc - 'applicant' - 'recipient' - 'display' AS doc FROM documents
      WHERE collection = $1 AND NOT deleted
        AND (doc ->> '${timeField}')::bigint >= $2::bigint AND (doc ->> '${timeField}')::bigint < $3::bigint
        ${stations ? 'AND station_id = ANY($4::text[])' : ''}`,
    params,
  );
  return rows.map((r) => rec(r.doc));
}

function application(d: Doc): ReportApplication | null {
  const id = str(d.id);
  const stationId = str(d.stationId);
  const acceptanceNo = str(d.acceptanceNo);
  const businessCode = str(d.businessCode);
  const clerkId = str(d.clerkId);
  const acceptedAt = num(d.acceptedAt);
  const delivery = rec(d.delivery);
  const method =
    delivery.method === 'mail' || delivery.method === 'collect' ? delivery.method : undefined;
  if (
    !id ||
    !stationId ||
    !acceptanceNo ||
    !businessCode ||
    !clerkId ||
    acceptedAt === undefined ||
    !method
  )
    return null;
  const destination = rec(d.destination);
  const tier = destination.tier;
  const divisionCode = str(destination.divisionCode);
  const dueAt = num(destination.dueAt);
  const declineReason = str(delivery.declineReason);
  const vanStop = str(d.vanStop);
  return {
    id,
    stationId,
    acceptanceNo,
    businessCode,
    clerkId,
    acceptedAt,
    delivery: { method, ...(declineReason ? { declineReason } : {}) },
    ...(isSlaTier(tier) && divisionCode && dueAt !== undefined
      ? { destination: { divisionCode, tier, sortCode: str(destination.sortCode) ?? '', dueAt } }
      : {}),
    ...(vanStop ? { vanStop } : {}),
  };
}

function workOrder(d: Doc): ReportWorkOrder | null {
  const id = str(d.id);
  const stationId = str(d.stationId);
  const applicationId = str(d.applicationId);
  const kind = str(d.kind);
  const status =
    d.status === 'open' || d.status === 'assigned' || d.status === 'resolved'
      ? d.status
      : undefined;
  const raisedBy = str(d.raisedBy);
  const raisedAt = num(d.raisedAt);
  const deadlineAt = num(d.deadlineAt);
  if (
    !id ||
    !stationId ||
    !applicationId ||
    !kind ||
    !isWorkOrderKind(kind) ||
    !status ||
    !raisedBy
  )
    return null;
  if (raisedAt === undefined || deadlineAt === undefined) return null;
  const resolvedAt = num(d.resolvedAt);
  return {
    id,
    stationId,
    applicationId,
    kind,
    status,
    raisedBy,
    raisedAt,
    deadlineAt,
    ...(resolvedAt !== undefined ? { resolvedAt } : {}),
  };
}

function printRecord(d: Doc): ReportPrintRecord | null {
  const id = str(d.id);
  const stationId = str(d.stationId);
  const staffId = str(d.staffId);
  const at = num(d.at);
  const action =
    d.action === 'print' || d.action === 'reprint' || d.action === 'void' ? d.action : undefined;
  if (!id || !stationId || !staffId || at === undefined || !action) return null;
  const applicationId = str(d.applicationId);
  const labelKind = str(d.labelKind);
  return {
    id,
    stationId,
    staffId,
    at,
    action,
    ...(applicationId ? { applicationId } : {}),
    ...(labelKind ? { labelKind } : {}),
  };
}

function event(d: Doc): ItemEvent | null {
  const id = str(d.id);
  const applicationId = str(d.applicationId);
  const type = str(d.type);
  const at = num(d.at);
  return id && applicationId && type && at !== undefined ? { id, applicationId, type, at } : null;
}

const present = <T>(value: T | null): value is T => value !== null;

/** Everything the report of [from, to) needs, for the given stations (null = all). */
export async function loadReportInput(
  db: Queryable,
  from: number,
  to: number,
  stations: readonly string[] | null,
): Promise<ReportInput> {
  const [apps, orders, prints] = await Promise.all([
    docs(db, 'applications', 'acceptedAt', from, to, stations),
    docs(db, 'workOrders', 'raisedAt', from, to, stations),
    docs(db, 'printRecords', 'at', from, to, stations),
  ]);
  const applications = apps.map(application).filter(present);
  // Events of those applications, whoever recorded them (a mail centre's receipt counts too).
  const ids = applications.map((a) => a.id);
  const events = ids.length
    ? (
        await db.query<{ doc: Doc }>(
          `SELECT doc FROM documents WHERE collection = 'events' AND NOT deleted AND doc ->> 'applicationId' = ANY($1::text[])`,
          [ids],
        )
      ).rows
        .map((r) => event(rec(r.doc)))
        .filter(present)
    : [];
  return {
    applications,
    events,
    workOrders: orders.map(workOrder).filter(present),
    printRecords: prints.map(printRecord).filter(present),
  };
}
