// Raising, assigning, noting and resolving a work order. The deadline is one working day
// (Chinese public holidays and adjusted working days count): the end, Beijing time, of the
// first working day after the day it was raised (shared/sla `complaintDueAt`).
import type { WorkingCalendar } from '../calendar/index.ts';
import { fail, ok, type Result } from '../result.ts';
import { complaintDueAt } from '../sla/index.ts';
import type { EventDoc, WorkOrderDoc } from '../sync/collections.ts';
import { WORK_ORDER_KINDS, type WorkOrderKind } from './kinds.ts';

const NOTE_MAX = 500;

/** The deadline of a work order of any kind: the complaint rule of shared/sla, as epoch ms. */
export function workOrderDeadline(raisedAt: number, calendar: WorkingCalendar): number {
  return complaintDueAt(raisedAt, calendar).getTime();
}

export interface RaiseWorkOrder {
  readonly id: string;
  readonly stationId: string;
  readonly deviceId: string;
  readonly applicationId: string;
  readonly kind: WorkOrderKind;
  readonly raisedBy: string;
  readonly now: number;
  readonly calendar: WorkingCalendar;
  /** First note (what happened); needs its own id, as notes merge by id. */
  readonly note?: { readonly id: string; readonly text: string };
}

function checkText(text: string, field: string): Result<string> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('WORK_ORDER_TEXT_EMPTY', '请填写内容', 'Enter some text', field);
  if (trimmed.length > NOTE_MAX) {
    return fail(
      'WORK_ORDER_TEXT_TOO_LONG',
      `内容不能超过 ${NOTE_MAX} 字`,
      `At most ${NOTE_MAX} characters`,
      field,
    );
  }
  return ok(trimmed);
}

export function raiseWorkOrder(input: RaiseWorkOrder): Result<WorkOrderDoc> {
  if (input.applicationId.trim() === '') {
    return fail(
      'WORK_ORDER_NO_ITEM',
      '工单必须关联一件业务',
      'A work order must name an item',
      'applicationId',
    );
  }
  const notes: WorkOrderDoc['notes'] = [];
  if (input.note !== undefined) {
    const text = checkText(input.note.text, 'note');
    if (!text.ok) return text;
    notes.push({ id: input.note.id, at: input.now, staffId: input.raisedBy, text: text.value });
  }
  return ok({
    id: input.id,
    stationId: input.stationId,
    deviceId: input.deviceId,
    createdAt: input.now,
    updatedAt: input.now,
    applicationId: input.applicationId,
    kind: input.kind,
    status: 'open',
    raisedBy: input.raisedBy,
    raisedAt: input.now,
    deadlineAt: workOrderDeadline(input.now, input.calendar),
    notes,
  });
}

const resolvedError = () =>
  fail(
    'WORK_ORDER_RESOLVED',
    '工单已办结，不能再修改',
    'The work order is resolved and cannot change',
    'status',
  );

export function assignWorkOrder(
  order: WorkOrderDoc,
  input: { readonly assigneeId: string; readonly now: number },
): Result<WorkOrderDoc> {
  if (order.status === 'resolved') return resolvedError();
  if (input.assigneeId.trim() === '') {
    return fail('WORK_ORDER_ASSIGNEE', '请选择处理人', 'Choose who handles it', 'assigneeId');
  }
  return ok({ ...order, status: 'assigned', assigneeId: input.assigneeId, updatedAt: input.now });
}

/** Notes may be added even after resolution (e.g. the applicant's reply to the answer). */
export function addWorkOrderNote(
  order: WorkOrderDoc,
  input: {
    readonly id: string;
    readonly staffId: string;
    readonly text: string;
    readonly now: number;
  },
): Result<WorkOrderDoc> {
  const text = checkText(input.text, 'note');
  if (!text.ok) return text;
  if (order.notes.length >= 200) {
    return fail(
      'WORK_ORDER_NOTES_FULL',
      '备注已达上限',
      'This work order has too many notes',
      'notes',
    );
  }
  const note = { id: input.id, at: input.now, staffId: input.staffId, text: text.value };
  return ok({ ...order, notes: [...order.notes, note], updatedAt: input.now });
}

export function resolveWorkOrder(
  order: WorkOrderDoc,
  input: { readonly resolution: string; readonly staffId: string; readonly now: number },
): Result<WorkOrderDoc> {
  if (order.status === 'resolved') return resolvedError();
  const text = checkText(input.resolution, 'resolution');
  if (!text.ok) return text;
  return ok({
    ...order,
    status: 'resolved',
    ...(order.assigneeId ? {} : { assigneeId: input.staffId }),
    resolution: text.value,
    resolvedAt: input.now,
    updatedAt: input.now,
  });
}

export type WorkOrderState = 'open' | 'assigned' | 'overdue' | 'resolved' | 'resolved_late';

export const WORK_ORDER_STATE_LABELS = {
  open: { zh: '待处理', en: 'Open' },
  assigned: { zh: '处理中', en: 'Assigned' },
  overdue: { zh: '已超期', en: 'Overdue' },
  resolved: { zh: '按时办结', en: 'Resolved on time' },
  resolved_late: { zh: '超期办结', en: 'Resolved late' },
} as const satisfies Record<WorkOrderState, { zh: string; en: string }>;

export function isWorkOrderOverdue(
  order: Pick<WorkOrderDoc, 'status' | 'deadlineAt'>,
  now: number,
): boolean {
  return order.status !== 'resolved' && now > order.deadlineAt;
}

export function workOrderState(
  order: Pick<WorkOrderDoc, 'status' | 'deadlineAt' | 'resolvedAt'>,
  now: number,
): WorkOrderState {
  if (order.status === 'resolved') {
    return (order.resolvedAt ?? now) > order.deadlineAt ? 'resolved_late' : 'resolved';
  }
  if (now > order.deadlineAt) return 'overdue';
  return order.status;
}

/** Work list order: overdue first, then open before assigned, then by deadline; resolved last. */
export function sortWorkOrders<
  W extends Pick<WorkOrderDoc, 'status' | 'deadlineAt' | 'resolvedAt'>,
>(orders: readonly W[], now: number): W[] {
  const weight: Record<WorkOrderState, number> = {
    overdue: 0,
    open: 1,
    assigned: 2,
    resolved_late: 3,
    resolved: 3,
  };
  return [...orders].sort(
    (a, b) =>
      weight[workOrderState(a, now)] - weight[workOrderState(b, now)] ||
      a.deadlineAt - b.deadlineAt,
  );
}

/**
 * The item's exception event for kinds that stop it (lost, damaged, wrong address,
 * unreachable); null for complaints and refunds, which do not change where the item is.
 */
export function exceptionEventFor(
  order: WorkOrderDoc,
  ctx: { readonly id: string; readonly deviceId: string; readonly now: number },
): EventDoc | null {
  if (!WORK_ORDER_KINDS[order.kind].stopsItem) return null;
  return {
    id: ctx.id,
    stationId: order.stationId,
    deviceId: ctx.deviceId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    applicationId: order.applicationId,
    type: 'exception_raised',
    at: ctx.now,
    staffId: order.raisedBy,
    reason: order.kind,
  };
}
