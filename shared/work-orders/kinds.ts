// Work order (工单) kinds: exceptions raised from an item and complaints. Lost and damaged
// items are the post's to reissue and compensate; complaints are checked and answered
// within one working day ("three 100%", DOMAIN.md).
import type { WorkOrderDoc } from '../sync/collections.ts';

export type WorkOrderKind = WorkOrderDoc['kind'];
export type WorkOrderStatus = WorkOrderDoc['status'];

export interface WorkOrderKindInfo {
  readonly zh: string;
  readonly en: string;
  /** Whether raising it records an exception on the item (stopping its normal flow). */
  readonly stopsItem: boolean;
}

export const WORK_ORDER_KINDS = {
  lost: { zh: '邮件丢失', en: 'Lost', stopsItem: true },
  damaged: { zh: '邮件损毁', en: 'Damaged', stopsItem: true },
  wrong_address: { zh: '地址错误', en: 'Wrong address', stopsItem: true },
  unreachable: { zh: '联系不上收件人', en: 'Recipient unreachable', stopsItem: true },
  complaint: { zh: '投诉', en: 'Complaint', stopsItem: false },
  overdue_refund: { zh: '超时退邮费', en: 'Overdue postage refund', stopsItem: false },
  other: { zh: '其他', en: 'Other', stopsItem: false },
} as const satisfies Record<WorkOrderKind, WorkOrderKindInfo>;

export const WORK_ORDER_KIND_LIST = Object.keys(WORK_ORDER_KINDS) as WorkOrderKind[];

export function isWorkOrderKind(value: string): value is WorkOrderKind {
  return Object.hasOwn(WORK_ORDER_KINDS, value);
}

export const WORK_ORDER_STATUS_LABELS = {
  open: { zh: '待处理', en: 'Open' },
  assigned: { zh: '处理中', en: 'Assigned' },
  resolved: { zh: '已办结', en: 'Resolved' },
} as const satisfies Record<WorkOrderStatus, { zh: string; en: string }>;

const RANK: Readonly<Record<WorkOrderStatus, number>> = { open: 0, assigned: 1, resolved: 2 };

export function workOrderStatusRank(status: WorkOrderStatus): number {
  return RANK[status];
}
