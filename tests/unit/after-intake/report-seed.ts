// A seeded, reproducible data set for report tests, and an independent oracle: figures
// computed the plain way (filter and count per group) without shared/reports or
// shared/promises, to check the aggregation (unit) and the server route (integration).
import { s10CheckDigit } from '../../../shared/validation/index.ts';
import type {
  ApplicationDoc,
  EventDoc,
  PrintRecordDoc,
  WorkOrderDoc,
} from '../../../shared/sync/collections.ts';
import type { ReportFigures } from '../../../shared/reports/index.ts';

export const SEED_FROM = Date.parse('2026-06-01T00:00:00+08:00');
export const SEED_DAYS = 14;
export const SEED_NOW = SEED_FROM + (SEED_DAYS + 1) * 86_400_000;
const HOUR = 3_600_000;
const TIER_HOURS = { capital: 12, city: 24, county: 36, rural: 48 } as const;
type Tier = keyof typeof TIER_HOURS;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulidAt(time: number, rand: () => number): string {
  let t = time;
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[t % 32] + head;
    t = Math.floor(t / 32);
  }
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[Math.floor(rand() * 32)];
  return head + tail;
}

export interface SeedStation {
  readonly code: string;
  readonly clerks: readonly string[];
}

export interface SeedData {
  readonly applications: ApplicationDoc[];
  readonly events: EventDoc[];
  readonly workOrders: WorkOrderDoc[];
  readonly printRecords: PrintRecordDoc[];
}

const BUSINESSES = [
  'ID_RENEWAL',
  'DL_RENEWAL',
  'PASSPORT',
  'PLATE_REPLACEMENT',
  'VIOLATION_NOTICE_MAILING',
];
const REASONS = ['self_pickup', 'distrust', 'cost', ''];
const KINDS = [
  'lost',
  'damaged',
  'wrong_address',
  'unreachable',
  'complaint',
  'overdue_refund',
] as const;
const TIERS: Tier[] = ['capital', 'city', 'county', 'rural'];
const DIVISIONS: Record<Tier, string> = {
  capital: '140105001',
  city: '140202',
  county: '140121001',
  rural: '140121100',
};

export function seedReportData(
  stations: readonly SeedStation[],
  options: {
    readonly seed?: number;
    readonly perDay?: number;
    readonly deviceOf?: (station: string) => string;
  } = {},
): SeedData {
  const rand = mulberry32(options.seed ?? 20260601);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const deviceOf = options.deviceOf ?? ((s: string) => `dev-${s}`);
  const data: SeedData = { applications: [], events: [], workOrders: [], printRecords: [] };
  let serial = 1;
  for (let day = 0; day < SEED_DAYS; day++) {
    for (const station of stations) {
      const count = Math.floor(rand() * (options.perDay ?? 6));
      for (let i = 0; i < count; i++) {
        const acceptedAt = SEED_FROM + day * 86_400_000 + Math.floor((8 + rand() * 9) * HOUR);
        const clerk = pick(station.clerks);
        const mail = rand() < 0.6;
        const tier = pick(TIERS);
        const id = ulidAt(acceptedAt, rand);
        const s8 = String(serial++).padStart(8, '0');
        const base = {
          id,
          stationId: station.code,
          deviceId: deviceOf(station.code),
          createdAt: acceptedAt,
          updatedAt: acceptedAt,
          acceptanceNo: `R${station.code}${s8}`,
          businessCode: pick(BUSINESSES),
          status: 'accepted',
          priority: 'normal' as const,
          clerkId: clerk,
          acceptedAt,
          applicant: { name: '测试', idNumber: '110105199003071239', birthDate: '19900307' },
          display: { applicantName: '测*', idNumber: '110105********1239' },
        };
        const reason = pick(REASONS);
        const app: ApplicationDoc = mail
          ? {
              ...base,
              delivery: { method: 'mail' },
              destination: {
                divisionCode: DIVISIONS[tier],
                tier,
                sortCode: DIVISIONS[tier].slice(0, 6),
                dueAt: acceptedAt + TIER_HOURS[tier] * HOUR,
              },
              waybillNo: `EA${s8}${s10CheckDigit(s8)}CN`,
            }
          : {
              ...base,
              delivery: {
                method: 'collect',
                collectPointCode: 'PS1',
                ...(reason ? { declineReason: reason } : {}),
              },
            };
        data.applications.push(app);
        const ev = (type: string, at: number) =>
          data.events.push({
            id: ulidAt(at, rand),
            stationId: station.code,
            deviceId: deviceOf(station.code),
            createdAt: at,
            updatedAt: at,
            applicationId: id,
            type,
            at,
            staffId: clerk,
          });
        ev('accepted', acceptedAt);
        if (mail) {
          const roll = rand();
          if (roll < 0.08) ev('cancelled', acceptedAt + HOUR);
          else if (roll < 0.85) {
            const packedAt = acceptedAt + Math.floor(rand() * 72 * HOUR);
            ev('packed', packedAt);
            ev('dispatched', packedAt + 2 * HOUR);
            const deliverRoll = rand();
            if (deliverRoll < 0.75)
              ev('delivered', packedAt + Math.floor(rand() * 1.4 * TIER_HOURS[tier] * HOUR));
          }
          const printAt = acceptedAt + 60_000;
          const pr = (action: PrintRecordDoc['action'], at: number) =>
            data.printRecords.push({
              id: ulidAt(at, rand),
              stationId: station.code,
              deviceId: deviceOf(station.code),
              createdAt: at,
              updatedAt: at,
              labelKey: `waybill:${app.waybillNo}`,
              labelKind: 'ems100x150',
              action,
              applicationId: id,
              waybillNo: app.waybillNo,
              staffId: clerk,
              ...(action === 'print' ? {} : { reason: '卡纸' }),
              at,
            });
          pr('print', printAt);
          // A manifest print on the same ledger is not a waybill label (excluded from figures).
          if (rand() < 0.1) {
            data.printRecords.push({
              id: ulidAt(printAt, rand),
              stationId: station.code,
              deviceId: deviceOf(station.code),
              createdAt: printAt,
              updatedAt: printAt,
              labelKey: `manifest:M${s8}`,
              labelKind: 'manifest80',
              action: 'print',
              staffId: clerk,
              at: printAt,
            });
          }
          if (rand() < 0.1) pr('reprint', printAt + 120_000);
          if (rand() < 0.05) pr('void', printAt + 240_000);
        }
        if (rand() < 0.15) {
          const raisedAt = acceptedAt + Math.floor(rand() * 48 * HOUR);
          const resolved = rand() < 0.5;
          const deadlineAt = raisedAt + 30 * HOUR;
          data.workOrders.push({
            id: ulidAt(raisedAt, rand),
            stationId: station.code,
            deviceId: deviceOf(station.code),
            createdAt: raisedAt,
            updatedAt: raisedAt,
            applicationId: id,
            kind: pick(KINDS),
            status: resolved ? 'resolved' : rand() < 0.5 ? 'assigned' : 'open',
            raisedBy: clerk,
            raisedAt,
            deadlineAt,
            notes: [],
            ...(resolved
              ? { resolution: '已处理', resolvedAt: raisedAt + Math.floor(rand() * 40 * HOUR) }
              : {}),
          });
        }
      }
    }
  }
  return data;
}

/** Plain figures the oracle computes for one group. */
export interface OracleFigures {
  applications: number;
  mailed: number;
  declined: number;
  byBusiness: Record<string, number>;
  declineReasons: Record<string, number>;
  met: number;
  missed: number;
  overdue: number;
  refundsDue: number;
  woRaised: number;
  woResolved: number;
  woOverdue: number;
  printed: number;
  reprinted: number;
  voided: number;
}

const bjDay = (at: number) => new Date(at + 8 * HOUR).toISOString().slice(0, 10);

/** Figures by Beijing day or by station, the obvious way, for the seeded data only. */
export function oracle(
  data: SeedData,
  groupBy: 'day' | 'station',
  from: number,
  to: number,
  now: number,
): Map<string, OracleFigures> {
  const out = new Map<string, OracleFigures>();
  const get = (key: string) => {
    let f = out.get(key);
    if (!f) {
      f = {
        applications: 0,
        mailed: 0,
        declined: 0,
        byBusiness: {},
        declineReasons: {},
        met: 0,
        missed: 0,
        overdue: 0,
        refundsDue: 0,
        woRaised: 0,
        woResolved: 0,
        woOverdue: 0,
        printed: 0,
        reprinted: 0,
        voided: 0,
      };
      out.set(key, f);
    }
    return f;
  };
  const inside = (at: number) => from <= at && at < to;
  const appById = new Map(data.applications.map((a) => [a.id, a]));
  for (const app of data.applications) {
    if (!inside(app.acceptedAt)) continue;
    const f = get(groupBy === 'day' ? bjDay(app.acceptedAt) : app.stationId);
    f.applications++;
    f.byBusiness[app.businessCode] = (f.byBusiness[app.businessCode] ?? 0) + 1;
    if (app.delivery.method === 'collect') {
      f.declined++;
      const r = app.delivery.declineReason || 'unspecified';
      f.declineReasons[r] = (f.declineReasons[r] ?? 0) + 1;
      continue;
    }
    f.mailed++;
    const mine = data.events.filter((e) => e.applicationId === app.id);
    if (mine.some((e) => e.type === 'cancelled')) continue;
    const packed = mine.find((e) => e.type === 'packed');
    if (!packed) continue;
    const due = packed.at + TIER_HOURS[app.destination!.tier] * HOUR;
    const delivered = mine.find((e) => e.type === 'delivered');
    if (delivered) {
      if (delivered.at <= due) f.met++;
      else {
        f.missed++;
        f.refundsDue++;
      }
    } else if (now > due) {
      f.overdue++;
      f.refundsDue++;
    }
  }
  for (const w of data.workOrders) {
    if (!inside(w.raisedAt)) continue;
    const f = get(
      groupBy === 'day'
        ? bjDay(w.raisedAt)
        : (appById.get(w.applicationId)?.stationId ?? w.stationId),
    );
    f.woRaised++;
    if (w.status === 'resolved') {
      f.woResolved++;
      if ((w.resolvedAt ?? 0) > w.deadlineAt) f.woOverdue++;
    } else if (now > w.deadlineAt) f.woOverdue++;
  }
  for (const r of data.printRecords) {
    if (!inside(r.at) || r.labelKind === 'manifest80') continue;
    const f = get(groupBy === 'day' ? bjDay(r.at) : r.stationId);
    if (r.action === 'print') f.printed++;
    if (r.action === 'reprint') f.reprinted++;
    if (r.action === 'void') f.voided++;
  }
  return out;
}

/** The report's figures in the oracle's shape. */
export function comparable(f: ReportFigures): OracleFigures {
  return {
    applications: f.applications,
    mailed: f.mailed,
    declined: f.declined,
    byBusiness: { ...f.byBusiness },
    declineReasons: { ...f.declineReasons },
    met: f.promises.met,
    missed: f.promises.missed,
    overdue: f.promises.overdue,
    refundsDue: f.promises.refundsDue,
    woRaised: f.exceptions.raised,
    woResolved: f.exceptions.resolved,
    woOverdue: f.exceptions.overdue,
    printed: f.labels.printed,
    reprinted: f.labels.reprinted,
    voided: f.labels.voided,
  };
}
