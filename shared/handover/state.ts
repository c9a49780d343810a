// The batch state machine: open → sealed → received → closed. Forward only: a sealed batch
// is a signed hand-over, so a correction is a new batch, never a reopened one.
import { fail, ok, type Result } from '../result.ts';
import type { BatchDoc } from '../sync/collections.ts';

export type BatchStatus = BatchDoc['status'];

export const BATCH_STATUSES = [
  'open',
  'sealed',
  'received',
  'closed',
] as const satisfies readonly BatchStatus[];

export const BATCH_STATUS_LABELS = {
  open: { zh: '扫描中', en: 'Open' },
  sealed: { zh: '已封包', en: 'Sealed' },
  received: { zh: '已接收', en: 'Received' },
  closed: { zh: '已办结', en: 'Closed' },
} as const satisfies Record<BatchStatus, { zh: string; en: string }>;

const NEXT: Readonly<Record<BatchStatus, BatchStatus | null>> = {
  open: 'sealed',
  sealed: 'received',
  received: 'closed',
  closed: null,
};

export function batchStatusRank(status: BatchStatus): number {
  return BATCH_STATUSES.indexOf(status);
}

export function canBatchTransition(from: BatchStatus, to: BatchStatus): boolean {
  return NEXT[from] === to;
}

export function batchTransition(from: BatchStatus, to: BatchStatus): Result<BatchStatus> {
  if (canBatchTransition(from, to)) return ok(to);
  return fail(
    'BATCH_TRANSITION',
    `批次不能从“${BATCH_STATUS_LABELS[from].zh}”变为“${BATCH_STATUS_LABELS[to].zh}”`,
    `A batch cannot go from "${BATCH_STATUS_LABELS[from].en}" to "${BATCH_STATUS_LABELS[to].en}"`,
    'status',
  );
}
