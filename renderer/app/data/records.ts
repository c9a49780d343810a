// Records: look-up (blind indexes, waybill, acceptance number, phone last 4, name scan), the
// detail of one intake, and the audited actions on it (reveal, reprint, void, edit).
import { promiseClock, type PromiseClock } from '../../../shared/promises/index.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { parseMobile } from '../../../shared/validation/index.ts';
import { newId } from '../../db/ids.ts';
import {
  findApplicationsByAcceptanceNo,
  findApplicationsByIdNumber,
  findApplicationsByMobile,
  findApplicationsByMobileLast4,
  findApplicationsByWaybillNo,
  findNewestApplications,
  type ApplicationDocument,
} from '../../db/lookups.ts';
import type { DeepReadonlyObject } from 'rxdb';
import type { ClientDocTypes } from '../../db/collections.ts';
import { can } from '../roles.ts';
import type { StaffSession } from '../../stores/session.ts';
import type { SearchQuery } from '../../features/records/search-query.ts';
import { slaConfig } from './config.ts';
import { data } from './db.ts';
import { mediaBytes } from './media.ts';
import { labelKeys, printIntakeLabels } from './intake.ts';
import { reprintLabel, voidLabel } from './printing.ts';

export type SyncState = 'synced' | 'pending' | 'rejected';

export interface RecordFilters {
  readonly status?: string;
  readonly businessCode?: string;
  readonly from?: number;
  readonly to?: number;
  readonly sync?: SyncState;
}

export interface RecordRow {
  readonly id: string;
  readonly acceptedAt: number;
  readonly acceptanceNo: string;
  readonly businessCode: string;
  readonly applicantName: string;
  readonly idNumberMasked: string;
  readonly waybillNo: string | null;
  readonly waybillState: string | null;
  readonly status: string;
  readonly method: 'mail' | 'collect';
  readonly dueAt: number | null;
  readonly sync: SyncState;
}

type Application = DeepReadonlyObject<ClientDocTypes['applications']>;
type Ro<K extends keyof ClientDocTypes> = DeepReadonlyObject<ClientDocTypes[K]>;

async function byQuery(query: SearchQuery | null): Promise<ApplicationDocument[]> {
  const store = data();
  if (!query) {
    return findNewestApplications(store, 500);
  }
  switch (query.kind) {
    case 'waybill':
      return findApplicationsByWaybillNo(store, query.value);
    case 'acceptance':
      return findApplicationsByAcceptanceNo(store, query.value);
    case 'phoneLast4':
      return findApplicationsByMobileLast4(store, query.value);
    case 'mobile':
      return findApplicationsByMobile(store, query.value);
    case 'idNumber':
      return findApplicationsByIdNumber(store, query.value);
    case 'name': {
      // Names are encrypted at rest, so there is no index: scan (decrypted on read).
      const all = await findNewestApplications(store, 5000);
      return all.filter(
        (a) => a.applicant.name.includes(query.value) || (a.recipient?.name.includes(query.value) ?? false),
      );
    }
  }
}

/**
 * Whether the server has this document: rejected when an open sync issue names it; pending
 * when written after the last successful sync (the engine pushes in order), else synced.
 */
function syncStateOf(app: Application, issues: Set<string>, lastSyncedAt: number | null): SyncState {
  if (issues.has(app.id)) return 'rejected';
  if (lastSyncedAt === null || app.updatedAt > lastSyncedAt) return 'pending';
  return 'synced';
}

export async function searchRecords(
  query: SearchQuery | null,
  filters: RecordFilters,
  lastSyncedAt: number | null,
): Promise<RecordRow[]> {
  const store = data();
  const found = await byQuery(query);
  const openIssues = await store.db.syncIssues.find({ selector: { state: { $in: ['open', 'retrying'] } } }).exec();
  const rejected = new Set(openIssues.map((i) => i.documentId));
  const ids = found.map((a) => a.id);
  const waybills = ids.length ? await store.db.waybills.find({ selector: { applicationId: { $in: ids } } }).exec() : [];
  const waybillOf = new Map(waybills.filter((w) => w.state !== 'voided').map((w) => [w.applicationId, w]));
  // A record counts as rejected when the server refused it or its waybill.
  for (const w of waybills) if (rejected.has(w.id)) rejected.add(w.applicationId);
  const rows = found.map((doc): RecordRow => {
    const a = doc.toJSON();
    const waybill = waybillOf.get(a.id);
    return {
      id: a.id,
      acceptedAt: a.acceptedAt,
      acceptanceNo: a.acceptanceNo,
      businessCode: a.businessCode,
      applicantName: a.display.applicantName,
      idNumberMasked: a.display.idNumber,
      waybillNo: waybill?.waybillNo ?? a.waybillNo ?? null,
      waybillState: waybill?.state ?? null,
      status: a.status,
      method: a.delivery.method === 'collect' ? 'collect' : 'mail',
      dueAt: a.destination?.dueAt ?? null,
      sync: syncStateOf(a, rejected, lastSyncedAt),
    };
  });
  return rows
    .filter(
      (r) =>
        (!filters.status || r.status === filters.status) &&
        (!filters.businessCode || r.businessCode === filters.businessCode) &&
        (!filters.from || r.acceptedAt >= filters.from) &&
        (!filters.to || r.acceptedAt < filters.to) &&
        (!filters.sync || r.sync === filters.sync),
    )
    .sort((a, b) => b.acceptedAt - a.acceptedAt);
}

export interface TimelineEntry {
  readonly id: string;
  readonly at: number;
  readonly kind: 'status' | 'print' | 'audit';
  readonly type: string;
  readonly staffId?: string;
  readonly reason?: string;
  readonly fields?: readonly string[];
  /** For prints: which label (from the label key's prefix). */
  readonly label?: 'waybill' | 'receipt' | 'other';
}

export interface RecordImage {
  readonly id: string;
  readonly kind: string;
  readonly page?: number;
  readonly url: string | null;
  readonly sha256: string;
}

export interface RecordDetail {
  readonly application: Application;
  readonly waybills: Ro<'waybills'>[];
  readonly vehicle: Ro<'vehicles'> | null;
  readonly timeline: TimelineEntry[];
  readonly ledger: Ro<'printRecords'>[];
  readonly images: RecordImage[];
  /** The delivery promise by the shared clock (starts when the post takes the item in). */
  readonly promise: PromiseClock;
}

export async function loadRecord(id: string): Promise<Result<RecordDetail>> {
  const store = data();
  const doc = await store.db.applications.findOne(id).exec();
  if (!doc) return fail('RECORD_NOT_FOUND', '没有找到这条业务', 'No such record');
  const application = doc.toJSON();
  const [waybills, vehicles, events, prints, audits, media] = await Promise.all([
    store.db.waybills.find({ selector: { applicationId: id } }).exec(),
    store.db.vehicles.find({ selector: { applicationId: id } }).exec(),
    store.db.events.find({ selector: { applicationId: id } }).exec(),
    store.db.printRecords.find({ selector: { applicationId: id } }).exec(),
    store.db.auditLog.find({ selector: { targetId: id } }).exec(),
    store.db.media.findByIds([...(application.mediaIds ?? [])]).exec(),
  ]);
  const timeline: TimelineEntry[] = [
    ...events.map((e) => ({ id: e.id, at: e.at, kind: 'status' as const, type: e.type, staffId: e.staffId, ...(e.reason ? { reason: e.reason } : {}) })),
    ...prints.map((p) => ({
      id: p.id,
      at: p.at,
      kind: 'print' as const,
      type: p.action,
      staffId: p.staffId,
      label: p.labelKey.startsWith('waybill:')
        ? ('waybill' as const)
        : p.labelKey.startsWith('receipt:')
          ? ('receipt' as const)
          : ('other' as const),
      ...(p.reason ? { reason: p.reason } : {}),
    })),
    ...audits.map((a) => ({ id: a.id, at: a.at, kind: 'audit' as const, type: a.action, staffId: a.staffId, ...(a.reason ? { reason: a.reason } : {}), ...(a.fields ? { fields: a.fields } : {}) })),
  ].sort((a, b) => a.at - b.at);
  const images: RecordImage[] = [];
  for (const m of media.values()) {
    const bytes = await mediaBytes(m.id);
    images.push({
      id: m.id,
      kind: m.kind,
      ...(m.page ? { page: m.page } : {}),
      sha256: m.sha256,
      url: bytes ? URL.createObjectURL(new Blob([bytes.slice()], { type: m.mime })) : null,
    });
  }
  return ok({
    application,
    waybills: waybills.map((w) => w.toJSON()),
    vehicle: vehicles[0]?.toJSON() ?? null,
    timeline,
    ledger: prints.map((p) => p.toJSON()).sort((a, b) => a.at - b.at),
    images,
    promise: promiseClock(
      application,
      events.map((e) => e.toJSON()),
      { sla: slaConfig() },
    ),
  });
}

async function audit(
  session: StaffSession,
  action: string,
  targetId: string,
  extra: { fields?: string[]; reason?: string; collectionName?: string } = {},
): Promise<void> {
  const store = data();
  const now = store.context.now();
  await store.db.auditLog.insert({
    id: newId(now),
    stationId: session.stationId,
    deviceId: store.context.deviceId,
    createdAt: now,
    updatedAt: now,
    staffId: session.staffId,
    action,
    collectionName: extra.collectionName ?? 'applications',
    targetId,
    at: now,
    ...(extra.fields ? { fields: extra.fields } : {}),
    ...(extra.reason ? { reason: extra.reason.slice(0, 500) } : {}),
  });
}

const forbidden = () =>
  fail('FORBIDDEN', '您的岗位无权进行此操作', 'Your role may not do this');

const reasonRequired = () => fail('REASON_REQUIRED', '请填写原因', 'Give a reason', 'reason');

/** The full ID number, for permitted roles only; every reveal is audited (who, when, which). */
export async function revealIdNumber(id: string, session: StaffSession): Promise<Result<string>> {
  if (!can(session.role, 'revealIdNumber')) return forbidden();
  const doc = await data().db.applications.findOne(id).exec();
  if (!doc) return fail('RECORD_NOT_FOUND', '没有找到这条业务', 'No such record');
  await audit(session, 'reveal_id_number', id, { fields: ['applicant.idNumber'] });
  return ok(doc.applicant.idNumber);
}

export async function reprintWaybill(id: string, reason: string, session: StaffSession): Promise<Result<true>> {
  if (!reason.trim()) return reasonRequired();
  const store = data();
  const waybill = await store.db.waybills.findOne({ selector: { applicationId: id, state: 'printed' } }).exec();
  if (!waybill) return fail('WAYBILL_NOT_PRINTED', '此业务没有已打印的运单可补打', 'No printed waybill to reprint');
  const printed = await reprintLabel({
    labelKey: labelKeys.waybill(waybill.waybillNo),
    labelKind: waybill.labelKind,
    reason: reason.trim(),
    session,
    applicationId: id,
    waybillNo: waybill.waybillNo,
  });
  if (!printed.ok) return printed;
  await waybill.incrementalPatch({
    printCount: waybill.printCount + 1,
    lastPrintedAt: printed.value.printedAt,
    updatedAt: store.context.now(),
  });
  return ok(true);
}

export async function reprintReceipt(id: string, reason: string, session: StaffSession): Promise<Result<true>> {
  if (!reason.trim()) return reasonRequired();
  const app = await data().db.applications.findOne(id).exec();
  if (!app) return fail('RECORD_NOT_FOUND', '没有找到这条业务', 'No such record');
  const printed = await reprintLabel({
    labelKey: labelKeys.receipt(app.acceptanceNo),
    labelKind: 'receipt80',
    reason: reason.trim(),
    session,
    applicationId: id,
  });
  return printed.ok ? ok(true) : printed;
}

export async function voidWaybill(id: string, reason: string, session: StaffSession): Promise<Result<true>> {
  if (!can(session.role, 'voidWaybill')) return forbidden();
  if (!reason.trim()) return reasonRequired();
  const store = data();
  const waybill = await store.db.waybills.findOne({ selector: { applicationId: id, state: { $ne: 'voided' } } }).exec();
  if (!waybill) return fail('WAYBILL_NONE', '此业务没有可作废的运单', 'No waybill to void');
  if (waybill.state === 'printed') {
    const voided = await voidLabel({
      labelKey: labelKeys.waybill(waybill.waybillNo),
      labelKind: waybill.labelKind,
      reason: reason.trim(),
      session,
      applicationId: id,
      waybillNo: waybill.waybillNo,
    });
    if (!voided.ok) return voided;
  }
  await waybill.incrementalPatch({ state: 'voided', voidReason: reason.trim().slice(0, 500), updatedAt: store.context.now() });
  await audit(session, 'void_waybill', id, { reason: reason.trim(), collectionName: 'waybills', fields: ['state'] });
  return ok(true);
}

export interface RecipientEdit {
  readonly mobile?: string;
  readonly detail?: string;
}

/** Edits the recipient's mobile or address line; audited with field names, never values. */
export async function editRecipient(id: string, edit: RecipientEdit, session: StaffSession): Promise<Result<true>> {
  if (!can(session.role, 'editRecord')) return forbidden();
  const store = data();
  const doc = await store.db.applications.findOne(id).exec();
  if (!doc || !doc.recipient) return fail('RECORD_NOT_FOUND', '没有找到这条业务', 'No such record');
  const fields: string[] = [];
  let mobile = doc.recipient.mobile;
  let detail = doc.recipient.address.detail;
  if (edit.mobile !== undefined && edit.mobile !== mobile) {
    const parsed = parseMobile(edit.mobile);
    if (!parsed.ok) return { ok: false, error: { ...parsed.error, field: 'mobile' } };
    mobile = parsed.value.mobile;
    fields.push('recipient.mobile');
  }
  if (edit.detail !== undefined && edit.detail.trim() !== detail) {
    const trimmed = edit.detail.trim();
    if ([...trimmed].length < 4 || [...trimmed].length > 120) {
      return fail('ADDRESS_DETAIL_SHORT', '请填写详细地址（4–120字）', 'Enter the street address (4–120 chars)', 'detail');
    }
    detail = trimmed;
    fields.push('recipient.address.detail');
  }
  if (fields.length === 0) return ok(true);
  await doc.incrementalModify((current) => ({
    ...current,
    recipient: current.recipient && { ...current.recipient, mobile, address: { ...current.recipient.address, detail } },
    updatedAt: store.context.now(),
  }));
  await audit(session, 'edit', id, { fields });
  return ok(true);
}

/** Prints what a record still lacks (a waybill that got its number later, a failed print). */
export async function printMissing(id: string, session: StaffSession) {
  return printIntakeLabels(id, session);
}
