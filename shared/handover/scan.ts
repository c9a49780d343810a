// Scanning items into an open batch. A reducer: each scan takes the batch and the pending
// half-pair and returns the next batch, the next pending half and what to tell the clerk.
// Errors block loudly (the screen shows a modal); a duplicate is only a notice.
import { fail, ok, type Result } from '../result.ts';
import { isApplicationStatus, isTerminal, STATUS_LABELS } from '../lifecycle/index.ts';
import { sortCodeFor } from '../sorting/index.ts';
import type { BatchDoc } from '../sync/collections.ts';
import { BATCH_KINDS } from './kinds.ts';
import { lookupCode, type ApplicationsIndex, type HandoverApplication } from './lookup.ts';

export type BatchItem = BatchDoc['items'][number];

/** The schema's limit on items per batch. */
export const MAX_BATCH_ITEMS = 5000;

/** One half of a document + waybill pair, scanned and waiting for the other half. */
export interface PendingScan {
  readonly half: 'waybill' | 'acceptance';
  readonly applicationId: string;
  readonly acceptanceNo: string;
  readonly waybillNo?: string;
  readonly at: number;
}

export type ScanOutcome =
  | { readonly kind: 'added'; readonly item: BatchItem }
  | {
      readonly kind: 'awaiting_pair';
      readonly expecting: 'waybill' | 'acceptance';
      readonly pending: PendingScan;
    }
  | { readonly kind: 'duplicate'; readonly item: BatchItem };

export interface ScanStep {
  readonly batch: BatchDoc;
  readonly pending: PendingScan | null;
  readonly outcome: Result<ScanOutcome>;
}

export interface ScanContext {
  readonly pending?: PendingScan | null;
  /** Epoch ms, the scanning device's clock (display only). */
  readonly now: number;
}

function isMailed(app: HandoverApplication): boolean {
  return app.delivery ? app.delivery.method === 'mail' : app.waybillNo !== undefined;
}

/** The sort code for a new batch item: worked out from the delivery when known. */
export function itemSortCode(app: HandoverApplication): string {
  if (app.delivery) {
    const sort = sortCodeFor({ delivery: app.delivery, destination: app.destination });
    if (sort.code !== '') return sort.code;
  }
  return app.sortCode ?? app.destination?.sortCode ?? '';
}

export function batchItemFor(app: HandoverApplication, now: number): BatchItem {
  const sortCode = itemSortCode(app);
  return {
    applicationId: app.id,
    acceptanceNo: app.acceptanceNo,
    ...(app.waybillNo ? { waybillNo: app.waybillNo } : {}),
    ...(sortCode !== '' ? { sortCode } : {}),
    scannedAt: now,
  };
}

export function needsPairScan(batch: Pick<BatchDoc, 'kind'>, app: HandoverApplication): boolean {
  return BATCH_KINDS[batch.kind].pairScan && isMailed(app);
}

const halfZh = { waybill: '邮件面单', acceptance: '证件（受理单号）' } as const;
const halfEn = { waybill: 'waybill', acceptance: 'document (acceptance number)' } as const;

function addItem(batch: BatchDoc, app: HandoverApplication, now: number): ScanStep {
  const item = batchItemFor(app, now);
  return {
    batch: { ...batch, items: [...batch.items, item], updatedAt: now },
    pending: null,
    outcome: ok({ kind: 'added', item }),
  };
}

/**
 * Scans one code into an open batch.
 *
 * - A code that is neither a known waybill nor a known acceptance number blocks
 *   (`HANDOVER_UNKNOWN_CODE`), as does a voided waybill, or an item that is already closed.
 * - In a pair-scan batch (the finished run), a mailed item needs its document and its waybill
 *   one after the other, in either order. The pair must belong to the same application;
 *   otherwise `HANDOVER_MISMATCH` (错证) and both pieces are set aside (the pending half is
 *   dropped). Two halves of the same sort in a row block with `HANDOVER_PAIR_EXPECTED` and the
 *   first half stays pending.
 * - An item already in the batch is a `duplicate` notice; the batch is unchanged.
 */
export function scanItem(
  batch: BatchDoc,
  scannedCode: string,
  applicationsIndex: ApplicationsIndex,
  context: ScanContext,
): ScanStep {
  const pending = context.pending ?? null;
  const now = context.now;
  const keep = (outcome: Result<ScanOutcome>, next: PendingScan | null = pending): ScanStep => ({
    batch,
    pending: next,
    outcome,
  });

  if (batch.status !== 'open') {
    return keep(
      fail(
        'BATCH_NOT_OPEN',
        '该批次已封包，不能再扫入邮件',
        'This batch is sealed; no more items can be scanned in',
        'status',
      ),
      null,
    );
  }
  const found = lookupCode(scannedCode, applicationsIndex);
  switch (found.kind) {
    case 'unknown':
      return keep(
        fail(
          'HANDOVER_UNKNOWN_CODE',
          `未找到单号“${found.code}”对应的业务，请核对后放到一边`,
          `No application matches "${found.code}"; check it and set it aside`,
          'scan',
        ),
      );
    case 'ambiguous':
      return keep(
        fail(
          'HANDOVER_AMBIGUOUS_CODE',
          `单号“${found.code}”既是邮件号又是受理单号，请改扫另一个条码`,
          `"${found.code}" is both a waybill and an acceptance number; scan the other barcode`,
          'scan',
        ),
      );
    case 'voided_waybill':
      return keep(
        fail(
          'HANDOVER_WAYBILL_VOIDED',
          `面单 ${found.code} 已作废，不能交寄，请换贴新面单`,
          `Waybill ${found.code} was voided and must not travel; attach the new label`,
          'scan',
        ),
      );
    default:
      break;
  }
  const app = found.application;
  const half = found.kind;

  if (pending !== null) {
    if (pending.half === half) {
      if (pending.applicationId === app.id) return keep(ok(awaiting(pending)));
      return keep(
        fail(
          'HANDOVER_PAIR_EXPECTED',
          `请先扫描受理单号 ${pending.acceptanceNo} 对应的${halfZh[other(pending.half)]}`,
          `Scan the ${halfEn[other(pending.half)]} of acceptance number ${pending.acceptanceNo} first`,
          'scan',
        ),
      );
    }
    if (pending.applicationId !== app.id) {
      const acceptanceNo = half === 'acceptance' ? app.acceptanceNo : pending.acceptanceNo;
      const waybillNo = half === 'waybill' ? app.waybillNo : pending.waybillNo;
      const owner = half === 'waybill' ? app.acceptanceNo : pending.acceptanceNo;
      return keep(
        fail(
          'HANDOVER_MISMATCH',
          `错证！证件受理单号 ${acceptanceNo} 与面单 ${waybillNo ?? ''} 不符（该面单属于受理单号 ${owner}），请将两件取出核对`,
          `Wrong document! Acceptance number ${acceptanceNo} does not match waybill ${waybillNo ?? ''} (which belongs to ${owner}); take both out and check`,
          'scan',
        ),
        null,
      );
    }
    return add(batch, app, now);
  }

  const existing = batch.items.find((item) => item.applicationId === app.id);
  if (existing) return keep(ok({ kind: 'duplicate', item: existing }), null);

  if (app.status !== undefined && isApplicationStatus(app.status) && isTerminal(app.status)) {
    return keep(
      fail(
        'HANDOVER_ITEM_CLOSED',
        `受理单号 ${app.acceptanceNo} 已${STATUS_LABELS[app.status].zh}，不能交接`,
        `Acceptance number ${app.acceptanceNo} is ${STATUS_LABELS[app.status].en.toLowerCase()} and cannot be handed over`,
        'scan',
      ),
      null,
    );
  }
  if (needsPairScan(batch, app)) {
    if (!app.waybillNo) {
      return keep(
        fail(
          'HANDOVER_NO_WAYBILL',
          `受理单号 ${app.acceptanceNo} 还没有打印面单，请先打印面单`,
          `Acceptance number ${app.acceptanceNo} has no waybill yet; print it first`,
          'scan',
        ),
        null,
      );
    }
    const next: PendingScan = {
      half,
      applicationId: app.id,
      acceptanceNo: app.acceptanceNo,
      ...(app.waybillNo ? { waybillNo: app.waybillNo } : {}),
      at: now,
    };
    return keep(ok(awaiting(next)), next);
  }
  return add(batch, app, now);
}

function add(batch: BatchDoc, app: HandoverApplication, now: number): ScanStep {
  if (batch.items.some((item) => item.applicationId === app.id)) {
    const item = batch.items.find((i) => i.applicationId === app.id);
    if (item) return { batch, pending: null, outcome: ok({ kind: 'duplicate', item }) };
  }
  if (batch.items.length >= MAX_BATCH_ITEMS) {
    return {
      batch,
      pending: null,
      outcome: fail(
        'BATCH_FULL',
        `一个批次最多 ${MAX_BATCH_ITEMS} 件，请封包后新开批次`,
        `A batch holds at most ${MAX_BATCH_ITEMS} items; seal it and open a new one`,
        'items',
      ),
    };
  }
  return addItem(batch, app, now);
}

function other(half: PendingScan['half']): PendingScan['half'] {
  return half === 'waybill' ? 'acceptance' : 'waybill';
}

function awaiting(pending: PendingScan): ScanOutcome {
  return { kind: 'awaiting_pair', expecting: other(pending.half), pending };
}
