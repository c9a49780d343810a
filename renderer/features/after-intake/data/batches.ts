// Batches on this device: create, save each scan, seal (events + status), print the manifest,
// find an incoming batch, confirm receipt. All writes go through the RxDB data layer, so they
// sync like every other document.
import { findBusiness } from '../../../../shared/catalogue/index.ts';
import {
  buildApplicationsIndex,
  confirmReceipt,
  createBatch,
  itemsAsApplications,
  manifestData,
  receiptEvents,
  sealBatch,
  sealEvents,
  type ApplicationsIndex,
  type BatchKind,
} from '../../../../shared/handover/index.ts';
import { statusAfterEvents, isStatusEventType, type StatusEventLike } from '../../../../shared/lifecycle/index.ts';
import type { PrintReceipt } from '../../../../shared/printing/types.ts';
import { ok, type Result } from '../../../../shared/result.ts';
import type { BatchDoc, EventDoc } from '../../../../shared/sync/collections.ts';
import { printLabel, reprintLabel } from '../../../app/data/printing.ts';
import type { StaffSession } from '../../../stores/session.ts';
import { data, deviceId, freshId, now } from './context.ts';

const RECENT_DAYS = 60;

export async function listBatches(): Promise<BatchDoc[]> {
  const docs = await data().db.batches.find({ sort: [{ createdAt: 'desc' }], limit: 200 }).exec();
  return docs.map((d) => d.toMutableJSON());
}

export async function newBatch(kind: BatchKind, session: StaffSession, toStationId?: string): Promise<BatchDoc> {
  const at = now();
  const batch = createBatch({
    id: freshId(),
    stationId: session.stationId,
    deviceId: deviceId(),
    kind,
    createdBy: session.staffId,
    ...(toStationId?.trim() ? { toStationId: toStationId.trim() } : {}),
    now: at,
  });
  await data().db.batches.insert(batch);
  return batch;
}

/** Stores the batch as the reducer returned it (each scan is saved, so a crash loses nothing). */
export async function saveBatch(batch: BatchDoc): Promise<void> {
  await data().db.batches.upsert(batch);
}

/**
 * What a scan is checked against: this device's recent applications and waybills, plus the
 * items of batches received here (all a mail centre knows of other stations' items).
 */
export async function loadApplicationsIndex(session: StaffSession): Promise<ApplicationsIndex> {
  const store = data();
  const since = now() - RECENT_DAYS * 86_400_000;
  const [apps, waybills, received] = await Promise.all([
    store.db.applications.find({ selector: { acceptedAt: { $gte: since } } }).exec(),
    store.db.waybills.find({ selector: { createdAt: { $gte: since } } }).exec(),
    store.db.batches.find({ selector: { toStationId: session.stationId, status: { $in: ['received', 'closed'] } } }).exec(),
  ]);
  const local = apps.map((a) => ({
    id: a.id,
    acceptanceNo: a.acceptanceNo,
    businessCode: a.businessCode,
    status: a.status,
    delivery: { method: a.delivery.method, ...(a.delivery.collectPointCode ? { collectPointCode: a.delivery.collectPointCode } : {}) },
    ...(a.waybillNo ? { waybillNo: a.waybillNo } : {}),
    ...(a.destination ? { destination: { divisionCode: a.destination.divisionCode, sortCode: a.destination.sortCode } } : {}),
  }));
  const known = new Set(local.map((a) => a.id));
  const fromBatches = itemsAsApplications(received.map((b) => b.toMutableJSON())).filter((a) => !known.has(a.id));
  return buildApplicationsIndex(
    [...fromBatches, ...local],
    waybills.map((w) => ({ waybillNo: w.waybillNo, state: w.state, applicationId: w.applicationId })),
  );
}

/** Writes events and moves the local applications' status along (status derives from events). */
async function recordEvents(events: EventDoc[]): Promise<void> {
  if (events.length === 0) return;
  const store = data();
  await store.db.events.bulkInsert(events);
  const ids = [...new Set(events.map((e) => e.applicationId))];
  const [apps, all] = await Promise.all([
    store.db.applications.findByIds(ids).exec(),
    store.db.events.find({ selector: { applicationId: { $in: ids } } }).exec(),
  ]);
  for (const app of apps.values()) {
    const mine: StatusEventLike[] = all
      .filter((e) => e.applicationId === app.id)
      .flatMap((e) => (isStatusEventType(e.type) ? [{ id: e.id, type: e.type, occurredAt: e.at }] : []));
    const status = statusAfterEvents(mine);
    if (status !== app.status) await app.incrementalPatch({ status, updatedAt: now() });
  }
}

export async function sealAndRecord(
  batch: BatchDoc,
  session: StaffSession,
  pendingPair: boolean,
): Promise<Result<{ batch: BatchDoc; events: number }>> {
  const sealed = sealBatch(batch, { now: now(), pendingPair });
  if (!sealed.ok) return sealed;
  await saveBatch(sealed.value);
  const events = sealEvents(sealed.value, {
    newId: freshId,
    stationId: session.stationId,
    deviceId: deviceId(),
    staffId: session.staffId,
    now: now(),
  });
  await recordEvents(events);
  return ok({ batch: sealed.value, events: events.length });
}

function businessNames(index: ApplicationsIndex): (applicationId: string) => string | undefined {
  const byId = new Map<string, string>();
  for (const app of index.byAcceptanceNo.values()) {
    if (!app.businessCode) continue;
    const business = findBusiness(app.businessCode);
    if (business.ok) byId.set(app.id, business.value.nameZh);
  }
  return (id) => byId.get(id);
}

export const manifestLabelKey = (batch: Pick<BatchDoc, 'batchNo'>) => `manifest:${batch.batchNo}`;

export async function printBatchManifest(
  batch: BatchDoc,
  session: StaffSession,
  index: ApplicationsIndex,
  reprintReason?: string,
): Promise<Result<PrintReceipt>> {
  if (reprintReason !== undefined) {
    return reprintLabel({ labelKey: manifestLabelKey(batch), labelKind: 'manifest80', reason: reprintReason, session });
  }
  const manifest = manifestData(batch, {
    stationName: session.stationName || session.stationId,
    ...(batch.toStationId ? { destinationName: batch.toStationId } : {}),
    handedOverBy: session.name,
    businessNameOf: businessNames(index),
  });
  return printLabel({ labelKey: manifestLabelKey(batch), label: { kind: 'manifest80', manifest }, session });
}

export async function findBatchByNo(batchNo: string): Promise<BatchDoc | null> {
  const doc = await data().db.batches.findOne({ selector: { batchNo: batchNo.trim().toUpperCase() } }).exec();
  return doc ? doc.toMutableJSON() : null;
}

/** Sealed batches addressed to this station, waiting to be received. */
export async function incomingBatches(session: StaffSession): Promise<BatchDoc[]> {
  const docs = await data()
    .db.batches.find({ selector: { toStationId: session.stationId, status: 'sealed' }, sort: [{ createdAt: 'desc' }] })
    .exec();
  return docs.map((d) => d.toMutableJSON());
}

export async function confirmAndRecord(
  batch: BatchDoc,
  session: StaffSession,
): Promise<Result<{ batch: BatchDoc; events: number }>> {
  const received = confirmReceipt(batch, { staffId: session.staffId, now: now() });
  if (!received.ok) return received;
  await saveBatch(received.value);
  const events = receiptEvents(received.value, {
    newId: freshId,
    stationId: session.stationId,
    deviceId: deviceId(),
    staffId: session.staffId,
    now: now(),
  });
  await recordEvents(events);
  return ok({ batch: received.value, events: events.length });
}
