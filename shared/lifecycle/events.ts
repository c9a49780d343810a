// Status events: the append-only facts from which an application's status is derived.
// Event logs merge as unions (DESIGN.md "Conflicts"), so the status must come out the same
// whichever order the events arrived in: `statusAfterEvents` sorts them deterministically and
// folds them with rules that never move a status backwards except through the two recoveries
// documented in status.ts.
import { canTransition, isTerminal, statusRank, type ApplicationStatus } from './status.ts';

export const STATUS_EVENT_TYPES = [
  'accepted',
  'materials_handed_over',
  'production_started',
  'produced',
  'packed',
  'dispatched',
  'out_for_delivery',
  'appointment_made',
  'failed_attempt',
  'arrived_for_collection',
  'collected',
  'delivered',
  'returned',
  'exception_raised',
  'exception_resolved',
  'cancelled',
] as const;

export type StatusEventType = (typeof STATUS_EVENT_TYPES)[number];

export const STATUS_EVENT_LABELS = {
  accepted: { zh: '受理', en: 'Accepted' },
  materials_handed_over: { zh: '材料移交', en: 'Materials handed over' },
  production_started: { zh: '开始制证', en: 'Production started' },
  produced: { zh: '制证完成', en: 'Produced' },
  packed: { zh: '封装', en: 'Packed' },
  dispatched: { zh: '寄出', en: 'Dispatched' },
  out_for_delivery: { zh: '开始派送', en: 'Out for delivery' },
  appointment_made: { zh: '电话预约', en: 'Delivery appointment made' },
  failed_attempt: { zh: '投递未成功', en: 'Delivery attempt failed' },
  arrived_for_collection: { zh: '到达自取点', en: 'Arrived for collection' },
  collected: { zh: '本人领取', en: 'Collected' },
  delivered: { zh: '妥投', en: 'Delivered' },
  returned: { zh: '退回', en: 'Returned' },
  exception_raised: { zh: '登记异常', en: 'Exception raised' },
  exception_resolved: { zh: '异常处理完毕', en: 'Exception resolved' },
  cancelled: { zh: '撤销', en: 'Cancelled' },
} as const satisfies Record<StatusEventType, { zh: string; en: string }>;

/** The status each event type leads to; null for events that record a fact without moving it. */
const TARGET: Readonly<Record<StatusEventType, ApplicationStatus | null>> = {
  accepted: 'accepted',
  materials_handed_over: 'materials_handed_over',
  production_started: 'in_production',
  produced: 'produced',
  packed: 'packed',
  dispatched: 'dispatched',
  out_for_delivery: 'out_for_delivery',
  appointment_made: null,
  failed_attempt: 'failed_attempt',
  arrived_for_collection: 'awaiting_collection',
  collected: 'collected',
  delivered: 'delivered',
  returned: 'returned',
  exception_raised: 'exception',
  exception_resolved: null, // its target is the event's resumeStatus
  cancelled: 'cancelled',
};

/** The fields the fold needs; stored events carry more (station, staff, note, ...). */
export interface StatusEventLike {
  /** Unique, client-generated (ULID): the final tie-breaker. */
  readonly id: string;
  readonly type: StatusEventType;
  /** When it happened: epoch milliseconds or an ISO 8601 string with an offset. */
  readonly occurredAt: number | string;
  /** For exception_resolved: the status the application goes back to. */
  readonly resumeStatus?: ApplicationStatus;
}

export function isStatusEventType(value: string): value is StatusEventType {
  return Object.hasOwn(TARGET, value);
}

/** The status the event asks for, or null if it does not change the status. */
export function eventTargetStatus(event: StatusEventLike): ApplicationStatus | null {
  if (event.type === 'exception_resolved') {
    const resume = event.resumeStatus;
    return resume !== undefined && !isTerminal(resume) && resume !== 'exception' ? resume : null;
  }
  return TARGET[event.type];
}

function instant(value: number | string): number {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  // An unreadable time sorts last rather than poisoning the sort.
  return Number.isFinite(ms) ? ms : Number.MAX_SAFE_INTEGER;
}

/** Deterministic order: occurrence time, then status rank of the target, then id. */
export function compareStatusEvents(a: StatusEventLike, b: StatusEventLike): number {
  const byTime = instant(a.occurredAt) - instant(b.occurredAt);
  if (byTime !== 0) return byTime;
  const ta = eventTargetStatus(a);
  const tb = eventTargetStatus(b);
  const byRank = (ta === null ? -1 : statusRank(ta)) - (tb === null ? -1 : statusRank(tb));
  if (byRank !== 0) return byRank;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One fold step. An event applies when its move is an allowed transition, or when it moves the
 * status forward in rank (another device's intermediate events may not have arrived yet).
 * Otherwise it is stale and ignored: a terminal status is only replaced by a higher-ranked
 * terminal, and an open exception is only left by exception_resolved or a terminal fact.
 */
export function applyStatusEvent(
  current: ApplicationStatus,
  event: StatusEventLike,
): ApplicationStatus {
  const target = eventTargetStatus(event);
  if (target === null || target === current) return current;
  // Two different terminal facts are a data anomaly; the higher-ranked one (proof of hand-over
  // over a return over a cancellation) wins, as it does for two bare snapshots.
  if (isTerminal(current)) {
    return isTerminal(target) && statusRank(target) > statusRank(current) ? target : current;
  }
  if (event.type === 'exception_resolved') {
    return current === 'exception' ? target : current;
  }
  if (current === 'exception') {
    return isTerminal(target) ? target : current;
  }
  if (canTransition(current, target) || statusRank(target) > statusRank(current)) return target;
  return current;
}

/**
 * The current status from an unordered set of events (duplicates by id are counted once).
 * An application exists from acceptance, so an empty set yields 'accepted'.
 */
export function statusAfterEvents(events: Iterable<StatusEventLike>): ApplicationStatus {
  const unique = new Map<string, StatusEventLike>();
  for (const event of events) {
    const seen = unique.get(event.id);
    // Same id twice with different content should not happen; keep the smaller for determinism.
    if (seen === undefined || compareStatusEvents(event, seen) < 0) unique.set(event.id, event);
  }
  let status: ApplicationStatus = 'accepted';
  for (const event of [...unique.values()].sort(compareStatusEvents)) {
    status = applyStatusEvent(status, event);
  }
  return status;
}
