// Pure parsing of the central server's answers (reports, track) and small date helpers —
// kept apart from the I/O so they are unit-tested without a database or a host.
import type { Report, ReportFigures } from '../../../../shared/reports/index.ts';
import { isReportGroupBy } from '../../../../shared/reports/index.ts';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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


export interface EnquiryEvent {
  readonly type: string;
  readonly label: string;
  readonly labelEn: string;
  readonly at: number;
  readonly place: string | null;
}

/** The same shape as the server's track answer (docs/PROTOCOL.md, GET /track). */
export interface EnquiryResult {
  readonly source: 'server' | 'local';
  readonly acceptanceNo: string;
  readonly business: { readonly code: string; readonly name: string; readonly nameEn: string };
  readonly status: { readonly code: string; readonly label: string; readonly labelEn: string };
  readonly delivery: 'mail' | 'collect';
  readonly recipient: { readonly name: string; readonly address: string } | null;
  readonly waybillNo: string | null;
  readonly dueAt: number | null;
  readonly events: readonly EnquiryEvent[];
}

export const isBirthDate = (value: string) => /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(value);


const text = (v: unknown) => (typeof v === 'string' ? v : '');
const labelled = (v: unknown) => {
  const r = isRecord(v) ? v : {};
  return { code: text(r.code), label: text(r.label ?? r.name), labelEn: text(r.labelEn ?? r.nameEn) };
};

export function parseTrack(body: unknown): Omit<EnquiryResult, 'source'> | null {
  if (!isRecord(body) || typeof body.acceptanceNo !== 'string') return null;
  const business = labelled(body.business);
  const recipient = isRecord(body.recipient) ? { name: text(body.recipient.name), address: text(body.recipient.address) } : null;
  return {
    acceptanceNo: body.acceptanceNo,
    business: { code: business.code, name: business.label, nameEn: business.labelEn },
    status: labelled(body.status),
    delivery: body.delivery === 'collect' ? 'collect' : 'mail',
    recipient,
    waybillNo: typeof body.waybillNo === 'string' ? body.waybillNo : null,
    dueAt: typeof body.dueAt === 'number' ? body.dueAt : null,
    events: (Array.isArray(body.events) ? body.events : []).filter(isRecord).map((e) => ({
      type: text(e.type),
      label: text(e.label),
      labelEn: text(e.labelEn),
      at: typeof e.at === 'number' ? e.at : 0,
      place: typeof e.place === 'string' ? e.place : null,
    })),
  };
}

