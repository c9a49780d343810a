// Printing through the host, mirrored into the synced print ledger (printRecords) so the
// server and supervisors see every print, reprint and void with its reason.
import type { LabelContent, LabelKind, PrintReceipt } from '../../../shared/printing/types.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { newId } from '../../db/ids.ts';
import type { StaffSession } from '../../stores/session.ts';
import { data } from './db.ts';
import { call } from './host.ts';

export const noPrinter = () =>
  fail(
    'PRINTER_NOT_CONFIGURED',
    '未设置打印机：请主管在“设置”中为此类标签选择打印机',
    'No printer set up for this label: a supervisor can choose one in Settings',
  );

/** The printer assigned to a label kind, else the first printer that can print it. */
export async function printerFor(kind: LabelKind): Promise<Result<string>> {
  const settings = await call((h) => h.settings.get());
  const assigned = settings.ok ? settings.value.printerAssignments[kind] : undefined;
  if (assigned) return ok(assigned);
  const printers = await call((h) => h.printers.list());
  if (!printers.ok) return printers;
  const able = printers.value.find((p) => p.labelKinds.includes(kind));
  return able ? ok(able.id) : noPrinter();
}

/** Which waybill size this device prints: the one with an assigned printer, 100×150 first. */
export async function waybillKind(): Promise<'ems100x150' | 'ems76x130'> {
  const settings = await call((h) => h.settings.get());
  const assigned = settings.ok ? settings.value.printerAssignments : {};
  if (assigned.ems100x150) return 'ems100x150';
  if (assigned.ems76x130) return 'ems76x130';
  const printers = await call((h) => h.printers.list());
  const kinds = printers.ok ? printers.value.flatMap((p) => p.labelKinds) : [];
  return !kinds.includes('ems100x150') && kinds.includes('ems76x130') ? 'ems76x130' : 'ems100x150';
}

async function record(input: {
  labelKey: string;
  labelKind: LabelKind;
  action: 'print' | 'reprint' | 'void';
  session: StaffSession;
  applicationId?: string;
  waybillNo?: string;
  reason?: string;
}): Promise<void> {
  const store = data();
  const now = store.context.now();
  await store.db.printRecords.insert({
    id: newId(now),
    stationId: input.session.stationId,
    deviceId: store.context.deviceId,
    createdAt: now,
    updatedAt: now,
    labelKey: input.labelKey,
    labelKind: input.labelKind,
    action: input.action,
    staffId: input.session.staffId,
    at: now,
    ...(input.applicationId ? { applicationId: input.applicationId } : {}),
    ...(input.waybillNo ? { waybillNo: input.waybillNo } : {}),
    ...(input.reason ? { reason: input.reason.slice(0, 500) } : {}),
  });
}

export async function printLabel(input: {
  labelKey: string;
  label: LabelContent;
  session: StaffSession;
  applicationId?: string;
  waybillNo?: string;
}): Promise<Result<PrintReceipt>> {
  const printerId = await printerFor(input.label.kind);
  if (!printerId.ok) return printerId;
  const printed = await call((h) =>
    h.print.label({ labelKey: input.labelKey, printerId: printerId.value, label: input.label }),
  );
  if (!printed.ok) return printed;
  await record({ ...input, labelKind: input.label.kind, action: printed.value.reprint ? 'reprint' : 'print' });
  return printed;
}

export async function reprintLabel(input: {
  labelKey: string;
  labelKind: LabelKind;
  reason: string;
  session: StaffSession;
  applicationId?: string;
  waybillNo?: string;
}): Promise<Result<PrintReceipt>> {
  const printerId = await printerFor(input.labelKind);
  if (!printerId.ok) return printerId;
  const printed = await call((h) =>
    h.print.reprint({ labelKey: input.labelKey, reason: input.reason, printerId: printerId.value }),
  );
  if (!printed.ok) return printed;
  await record({ ...input, action: 'reprint' });
  return printed;
}

export async function voidLabel(input: {
  labelKey: string;
  labelKind: LabelKind;
  reason: string;
  session: StaffSession;
  applicationId?: string;
  waybillNo?: string;
}): Promise<Result<true>> {
  const voided = await call((h) => h.print.void({ labelKey: input.labelKey, reason: input.reason }));
  if (!voided.ok) return voided;
  await record({ ...input, action: 'void' });
  return ok(true);
}
