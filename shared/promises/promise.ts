// Delivery promises (服务承诺, "three 100%"): each mailed item's due time, whether it is on
// time, at risk or overdue now, whether it was delivered in time, and the postage refund an
// overdue item is owed.
//
// When the clock starts and the due time: promiseClock (clock.ts), shared with the public
// track endpoint.
import { isTerminal, type ApplicationStatus } from '../lifecycle/index.ts';
import { slaState, type SlaConfig, type SlaTier } from '../sla/index.ts';
import type { ApplicationDoc, WorkOrderDoc } from '../sync/collections.ts';
import { promiseClock, type ClockStart } from './clock.ts';
import { firstEventAt, groupEventsByApplication, type ItemEvent } from './events.ts';

export type PromiseState =
  /** Not mailed (collected in person), cancelled or returned: no delivery promise. */
  | 'not_applicable'
  /** Mailed, but the post has not taken the item in yet (still in production). */
  | 'not_started'
  | 'on_time'
  | 'at_risk'
  | 'overdue'
  /** Delivered by the due time. */
  | 'met'
  /** Delivered after the due time. */
  | 'missed';

export const PROMISE_STATE_LABELS = {
  not_applicable: { zh: '不适用', en: 'Not applicable' },
  not_started: { zh: '未收寄', en: 'Not yet mailed' },
  on_time: { zh: '正常', en: 'On time' },
  at_risk: { zh: '即将超时', en: 'At risk' },
  overdue: { zh: '已超时', en: 'Overdue' },
  met: { zh: '按时妥投', en: 'Delivered on time' },
  missed: { zh: '超时妥投', en: 'Delivered late' },
} as const satisfies Record<PromiseState, { zh: string; en: string }>;

/** Refund of postage for an overdue item: owed, raised as a work order, or paid (resolved). */
export type RefundState = 'none' | 'due' | 'raised' | 'refunded';

export const REFUND_STATE_LABELS = {
  none: { zh: '', en: '' },
  due: { zh: '应退邮费', en: 'Postage refund due' },
  raised: { zh: '退费处理中', en: 'Refund in progress' },
  refunded: { zh: '邮费已退', en: 'Postage refunded' },
} as const satisfies Record<RefundState, { zh: string; en: string }>;

export type PromiseApplication = Pick<
  ApplicationDoc,
  'id' | 'stationId' | 'acceptanceNo' | 'businessCode' | 'clerkId' | 'acceptedAt' | 'delivery'
> &
  Partial<Pick<ApplicationDoc, 'destination' | 'waybillNo' | 'priority' | 'display'>>;

export interface PromiseOptions {
  /** Epoch ms the states are evaluated at. */
  readonly now: number;
  readonly sla?: SlaConfig;
  readonly clockStart?: ClockStart;
}

export interface DeliveryPromise<A extends PromiseApplication = PromiseApplication> {
  readonly application: A;
  readonly status: ApplicationStatus;
  readonly tier: SlaTier | null;
  /** When the clock started (mail acceptance, or window acceptance), or null. */
  readonly clockStartedAt: number | null;
  readonly dueAt: number | null;
  readonly state: PromiseState;
  /** When it was delivered, where it was. */
  readonly deliveredAt: number | null;
  /** How late: for overdue (until now) and missed (until delivery), else 0. */
  readonly lateByMs: number;
  /** "Three 100%": overdue or late-delivered items get their postage refunded. */
  readonly refundDue: boolean;
  readonly refund: RefundState;
}

export function deliveryPromise<A extends PromiseApplication>(
  application: A,
  events: readonly ItemEvent[],
  options: PromiseOptions,
  workOrders: readonly Pick<WorkOrderDoc, 'kind' | 'status' | 'applicationId'>[] = [],
): DeliveryPromise<A> {
  const clock = promiseClock(application, events, options);
  const status = clock.status;
  const tier = application.destination?.tier ?? null;
  const base = {
    application,
    status,
    tier,
    deliveredAt: null,
    lateByMs: 0,
    refundDue: false,
    refund: 'none' as const,
  };
  if (!clock.applies) {
    return { ...base, clockStartedAt: null, dueAt: null, state: 'not_applicable' };
  }
  const { clockStartedAt, dueAt: due } = clock;
  // Handed over: to the recipient at the door, or in person at a collection point after all.
  const deliveredAt = firstEventAt(events, ['delivered', 'collected']);
  if (due === null || clockStartedAt === null) {
    return { ...base, deliveredAt, clockStartedAt, dueAt: due, state: 'not_started' };
  }
  let state: PromiseState;
  let lateByMs: number;
  if (isTerminal(status)) {
    // Delivered or collected (the terminal statuses left here). No such event synced yet: judge by now.
    const at = deliveredAt ?? options.now;
    state = at <= due ? 'met' : 'missed';
    lateByMs = Math.max(0, at - due);
  } else {
    state = slaState(due, options.now, {
      acceptedAt: clockStartedAt,
      ...(options.sla?.atRisk ? { atRisk: options.sla.atRisk } : {}),
    });
    lateByMs = state === 'overdue' ? options.now - due : 0;
  }
  const refundDue = state === 'overdue' || state === 'missed';
  return {
    ...base,
    clockStartedAt,
    dueAt: due,
    deliveredAt,
    state,
    lateByMs,
    refundDue,
    refund: refundState(refundDue, application.id, workOrders),
  };
}

function refundState(
  refundDue: boolean,
  applicationId: string,
  workOrders: readonly Pick<WorkOrderDoc, 'kind' | 'status' | 'applicationId'>[],
): RefundState {
  if (!refundDue) return 'none';
  const orders = workOrders.filter(
    (w) => w.applicationId === applicationId && w.kind === 'overdue_refund',
  );
  if (orders.some((w) => w.status === 'resolved')) return 'refunded';
  return orders.length > 0 ? 'raised' : 'due';
}

export interface PromiseLists<A extends PromiseApplication = PromiseApplication> {
  readonly all: readonly DeliveryPromise<A>[];
  /** Open items within the at-risk window, due soonest first. */
  readonly atRisk: readonly DeliveryPromise<A>[];
  /** Open items past their due time, most overdue first. */
  readonly overdue: readonly DeliveryPromise<A>[];
  /** Overdue or late-delivered items whose postage refund is not yet paid. */
  readonly refunds: readonly DeliveryPromise<A>[];
}

export function promiseLists<A extends PromiseApplication>(
  applications: Iterable<A>,
  events: Iterable<ItemEvent>,
  options: PromiseOptions,
  workOrders: readonly Pick<WorkOrderDoc, 'kind' | 'status' | 'applicationId'>[] = [],
): PromiseLists<A> {
  const byApp = groupEventsByApplication(events);
  const ordersByApp = new Map<string, Pick<WorkOrderDoc, 'kind' | 'status' | 'applicationId'>[]>();
  for (const w of workOrders) {
    const list = ordersByApp.get(w.applicationId);
    if (list === undefined) ordersByApp.set(w.applicationId, [w]);
    else list.push(w);
  }
  const all: DeliveryPromise<A>[] = [];
  for (const app of applications) {
    all.push(deliveryPromise(app, byApp.get(app.id) ?? [], options, ordersByApp.get(app.id) ?? []));
  }
  const byDue = (a: DeliveryPromise<A>, b: DeliveryPromise<A>) => (a.dueAt ?? 0) - (b.dueAt ?? 0);
  return {
    all,
    atRisk: all.filter((p) => p.state === 'at_risk').sort(byDue),
    overdue: all.filter((p) => p.state === 'overdue').sort(byDue),
    refunds: all.filter((p) => p.refund === 'due' || p.refund === 'raised').sort(byDue),
  };
}
