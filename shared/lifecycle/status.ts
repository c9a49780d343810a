// Application statuses, their allowed transitions and their rank.
//
// Ranking (for "status never moves backwards", DESIGN.md "Conflicts"):
//   progress statuses rank in the order an item moves through the flow;
//   `exception` ranks above every in-progress status, so progress recorded by a device that
//     had not seen the exception never silently clears it, and below every terminal status,
//     because a delivery, return or cancellation really happened and closes the case;
//   terminal statuses rank highest: delivered > collected > returned > cancelled (proof of
//     hand-over beats a return, which beats an office-side cancellation). No action leads out
//     of a terminal status (canTransition is false), but when two devices recorded different
//     terminal facts, the event fold keeps the higher-ranked one, as statusRank does.
// Two legitimate transitions go down in rank: a new delivery attempt after a failed one
// (failed_attempt → out_for_delivery) and leaving an exception (exception → the resumed
// status). Those happen only through events, so the status of a record is recomputed from
// the union of its event log (see events.ts); `statusRank` alone settles two bare snapshots.
import { fail, ok, type Result } from '../result.ts';

export const APPLICATION_STATUSES = [
  'accepted',
  'materials_handed_over',
  'in_production',
  'produced',
  'packed',
  'dispatched',
  'out_for_delivery',
  'failed_attempt',
  'awaiting_collection',
  'exception',
  'cancelled',
  'returned',
  'collected',
  'delivered',
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const TERMINAL_STATUSES = [
  'cancelled',
  'returned',
  'collected',
  'delivered',
] as const satisfies readonly ApplicationStatus[];

export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export const STATUS_LABELS = {
  accepted: { zh: '已受理', en: 'Accepted' },
  materials_handed_over: { zh: '材料已移交', en: 'Materials handed over' },
  in_production: { zh: '制证中', en: 'In production' },
  produced: { zh: '已制证', en: 'Produced' },
  packed: { zh: '已封装', en: 'Packed' },
  dispatched: { zh: '已寄出', en: 'Dispatched' },
  out_for_delivery: { zh: '派送中', en: 'Out for delivery' },
  failed_attempt: { zh: '投递未成功', en: 'Delivery attempt failed' },
  awaiting_collection: { zh: '待领取', en: 'Awaiting collection' },
  exception: { zh: '异常', en: 'Exception' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
  returned: { zh: '已退回', en: 'Returned' },
  collected: { zh: '已领取', en: 'Collected' },
  delivered: { zh: '已妥投', en: 'Delivered' },
} as const satisfies Record<ApplicationStatus, { zh: string; en: string }>;

const RANKS: Readonly<Record<ApplicationStatus, number>> = {
  accepted: 10,
  materials_handed_over: 20,
  in_production: 30,
  produced: 40,
  packed: 50,
  dispatched: 60,
  out_for_delivery: 70,
  failed_attempt: 75,
  awaiting_collection: 80,
  exception: 90,
  cancelled: 100,
  returned: 110,
  collected: 120,
  delivered: 130,
};

/** Statuses an exception may be resolved back to (every non-terminal status but itself). */
export const RESUMABLE_STATUSES = APPLICATION_STATUSES.filter(
  (s): s is Exclude<ApplicationStatus, TerminalStatus | 'exception'> =>
    s !== 'exception' && !isTerminal(s),
);

// Steps may be skipped forward where a business has no such step (a violation notice is never
// "produced"; a scan may be missed), but never backwards except the two recoveries above.
const TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  accepted: ['materials_handed_over', 'in_production', 'produced', 'packed', 'cancelled'],
  materials_handed_over: ['in_production', 'produced', 'packed', 'cancelled'],
  in_production: ['produced', 'packed', 'cancelled'],
  produced: ['packed', 'cancelled'],
  packed: ['dispatched', 'cancelled'],
  dispatched: [
    'out_for_delivery',
    'awaiting_collection',
    'delivered',
    'failed_attempt',
    'returned',
  ],
  out_for_delivery: ['delivered', 'failed_attempt', 'awaiting_collection', 'returned'],
  failed_attempt: ['out_for_delivery', 'awaiting_collection', 'delivered', 'returned'],
  awaiting_collection: ['collected', 'returned'],
  exception: [...RESUMABLE_STATUSES, 'cancelled', 'returned', 'delivered', 'collected'],
  cancelled: [],
  returned: [],
  collected: [],
  delivered: [],
};

export function isApplicationStatus(value: string): value is ApplicationStatus {
  return Object.hasOwn(RANKS, value);
}

export function isTerminal(status: ApplicationStatus): status is TerminalStatus {
  return (
    status === 'cancelled' ||
    status === 'returned' ||
    status === 'collected' ||
    status === 'delivered'
  );
}

export function statusRank(status: ApplicationStatus): number {
  return RANKS[status];
}

/** Of two snapshots of one record's status, the one that must win a conflict. */
export function laterStatus(a: ApplicationStatus, b: ApplicationStatus): ApplicationStatus {
  return statusRank(a) >= statusRank(b) ? a : b;
}

export function allowedTransitions(from: ApplicationStatus): readonly ApplicationStatus[] {
  // Any live status may go to exception; the table lists only the domain moves.
  return isTerminal(from) || from === 'exception'
    ? TRANSITIONS[from]
    : [...TRANSITIONS[from], 'exception'];
}

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return allowedTransitions(from).includes(to);
}

export function transition(
  from: ApplicationStatus,
  to: ApplicationStatus,
): Result<ApplicationStatus> {
  if (canTransition(from, to)) return ok(to);
  if (isTerminal(from)) {
    return fail(
      'STATUS_TERMINAL',
      `该业务已办结（${STATUS_LABELS[from].zh}），不能再变更为“${STATUS_LABELS[to].zh}”`,
      `The application is already ${STATUS_LABELS[from].en.toLowerCase()} and cannot become "${STATUS_LABELS[to].en}"`,
      'status',
    );
  }
  return fail(
    'STATUS_TRANSITION',
    `不能从“${STATUS_LABELS[from].zh}”变更为“${STATUS_LABELS[to].zh}”`,
    `Cannot change status from "${STATUS_LABELS[from].en}" to "${STATUS_LABELS[to].en}"`,
    'status',
  );
}
