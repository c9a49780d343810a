// The receiving side (vehicle office, mail centre) scans what arrived against the sealed
// batch, then confirms. Differences: items sent but not received (missing) and items
// received but not in the batch (unexpected).
import { fail, ok, type Result } from '../result.ts';
import type { BatchDoc } from '../sync/collections.ts';
import { codeKey, lookupCode, RECEIPT_QR_PREFIX, type ApplicationsIndex } from './lookup.ts';
import type { BatchItem } from './scan.ts';

export type ReceiveOutcome =
  | { readonly kind: 'received'; readonly item: BatchItem }
  | { readonly kind: 'duplicate'; readonly item: BatchItem }
  /** Not in the batch: recorded so the difference is listed. `applicationId` is '' when unknown here. */
  | { readonly kind: 'unexpected'; readonly item: BatchItem };

export interface ReceiveStep {
  readonly batch: BatchDoc;
  readonly outcome: Result<ReceiveOutcome>;
}

function matches(item: BatchItem, key: string): boolean {
  return (
    codeKey(item.acceptanceNo) === key ||
    (item.waybillNo !== undefined && codeKey(item.waybillNo) === key)
  );
}

/**
 * One scan on the receiving side. The sealed batch itself is the reference (the receiver may
 * hold none of the sender's applications); `index`, when given, names unexpected items.
 */
export function receiveScan(
  batch: BatchDoc,
  scannedCode: string,
  context: { readonly now: number; readonly index?: ApplicationsIndex },
): ReceiveStep {
  if (batch.status !== 'sealed') {
    return {
      batch,
      outcome: fail(
        'BATCH_NOT_SEALED',
        batch.status === 'open' ? '该批次还未封包，不能接收' : '该批次已确认接收',
        batch.status === 'open'
          ? 'This batch is not sealed yet'
          : 'This batch has already been received',
        'status',
      ),
    };
  }
  const raw = scannedCode.trim();
  const key = codeKey(
    raw.toUpperCase().startsWith(RECEIPT_QR_PREFIX) ? raw.slice(RECEIPT_QR_PREFIX.length) : raw,
  );
  if (key === '') {
    return { batch, outcome: fail('HANDOVER_UNKNOWN_CODE', '扫描内容为空', 'Empty scan', 'scan') };
  }
  const received = batch.receivedItems ?? [];
  const already = received.find((item) => matches(item, key));
  if (already) return { batch, outcome: ok({ kind: 'duplicate', item: already }) };

  const sent = batch.items.find((item) => matches(item, key));
  let item: BatchItem;
  let kind: ReceiveOutcome['kind'];
  if (sent) {
    item = { ...sent, scannedAt: context.now };
    kind = 'received';
  } else {
    const known = context.index ? lookupCode(raw, context.index) : null;
    if (known && (known.kind === 'waybill' || known.kind === 'acceptance')) {
      const app = known.application;
      item = {
        applicationId: app.id,
        acceptanceNo: app.acceptanceNo,
        ...(app.waybillNo ? { waybillNo: app.waybillNo } : {}),
        scannedAt: context.now,
      };
    } else {
      // Unknown here: keep the scanned code where a person can read it on the difference list.
      const looksLikeWaybill = /^(\d{13}|[A-Z]{2}\d{9}[A-Z]{2})$/.test(key);
      item = {
        applicationId: '',
        acceptanceNo: looksLikeWaybill ? '' : key.slice(0, 32),
        ...(looksLikeWaybill ? { waybillNo: key } : {}),
        scannedAt: context.now,
      };
    }
    kind = 'unexpected';
  }
  return {
    batch: { ...batch, receivedItems: [...received, item], updatedAt: context.now },
    outcome: ok({ kind, item }),
  };
}

export interface BatchDifferences {
  readonly sent: number;
  readonly received: number;
  /** Sent but not (yet) scanned on arrival. */
  readonly missing: readonly BatchItem[];
  /** Scanned on arrival but not in the batch. */
  readonly unexpected: readonly BatchItem[];
}

const itemId = (item: BatchItem) =>
  item.applicationId || `code:${item.waybillNo ?? item.acceptanceNo}`;

export function batchDifferences(
  batch: Pick<BatchDoc, 'items' | 'receivedItems'>,
): BatchDifferences {
  const received = batch.receivedItems ?? [];
  const sentIds = new Set(batch.items.map(itemId));
  const receivedIds = new Set(received.map(itemId));
  const missing = batch.items.filter((item) => !receivedIds.has(itemId(item)));
  const unexpected = received.filter((item) => !sentIds.has(itemId(item)));
  return {
    sent: batch.items.length,
    received: received.length - unexpected.length,
    missing,
    unexpected,
  };
}
