// Van mode: the shift-start checks (number pool, printer, last sync, free disk, camera) and
// the shift-end reconciliation, each printed as an 80 mm slip.
import type { SlipData } from '../../../shared/printing/types.ts';
import { ok, type Result } from '../../../shared/result.ts';
import { newId } from '../../db/ids.ts';
import type { StaffSession } from '../../stores/session.ts';
import { reconcile, type Reconciliation } from '../../features/van/reconciliation.ts';
import { data } from './db.ts';
import { call } from './host.ts';
import { printerFor, printLabel } from './printing.ts';

export async function numbersRemaining(): Promise<number> {
  const blocks = await data().db.numberBlocks.find({ selector: { open: 1 } }).exec();
  return blocks.reduce((sum, b) => sum + Math.max(0, b.count - b.nextOffset), 0);
}

/** Live count of unused waybill numbers (blocks arrive in the background after login). */
export function watchNumbersRemaining(onChange: (remaining: number) => void): () => void {
  const subscription = data()
    .db.numberBlocks.find({ selector: { open: 1 } })
    .$.subscribe((blocks) => onChange(blocks.reduce((sum, b) => sum + Math.max(0, b.count - b.nextOffset), 0)));
  return () => subscription.unsubscribe();
}

export async function freeDiskBytes(): Promise<number | null> {
  const info = await call((h) => h.app.info());
  return info.ok ? (info.value.disk?.freeBytes ?? null) : null;
}

export async function hasCamera(): Promise<boolean> {
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

export async function checkSlipPrinter(): Promise<Result<string>> {
  const printerId = await printerFor('slip80');
  if (!printerId.ok) return printerId;
  const status = await call((h) => h.printers.check({ printerId: printerId.value }));
  return status.ok ? ok(printerId.value) : status;
}

export async function printSlip(kind: string, slip: SlipData, session: StaffSession) {
  return printLabel({ labelKey: `slip:${kind}:${newId(Date.now())}`, label: { kind: 'slip80', slip }, session });
}

export async function shiftReconciliation(since: number, lastSyncedAt: number | null): Promise<Reconciliation> {
  const store = data();
  const [apps, issues, batches] = await Promise.all([
    store.db.applications.find({ selector: { acceptedAt: { $gte: since } } }).exec(),
    store.db.syncIssues.find({ selector: { state: { $in: ['open', 'retrying'] } } }).exec(),
    store.db.batches.find().exec(),
  ]);
  const ids = apps.map((a) => a.id);
  const waybills = ids.length ? await store.db.waybills.find({ selector: { applicationId: { $in: ids } } }).exec() : [];
  return reconcile({
    applications: apps.map((a) => ({
      id: a.id,
      acceptedAt: a.acceptedAt,
      updatedAt: a.updatedAt,
      status: a.status,
      method: a.delivery.method === 'collect' ? 'collect' : 'mail',
    })),
    waybills: waybills.map((w) => ({ applicationId: w.applicationId, state: w.state })),
    inBatches: new Set(batches.flatMap((b) => b.items.map((i) => i.applicationId))),
    since,
    lastSyncedAt,
    rejected: new Set(issues.map((i) => i.documentId)),
  });
}
