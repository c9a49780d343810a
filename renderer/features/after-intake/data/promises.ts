// Promise lists from this device's applications, events and work orders.
import { promiseLists, type PromiseLists } from '../../../../shared/promises/index.ts';
import type { SlaConfig } from '../../../../shared/sla/index.ts';
import type { ApplicationDoc } from '../../../../shared/sync/collections.ts';
import { data, now } from './context.ts';

/** Mailed items of the last weeks; older ones are settled long ago. */
const WINDOW_DAYS = 45;

export type PromiseItem = Pick<
  ApplicationDoc,
  'id' | 'stationId' | 'acceptanceNo' | 'businessCode' | 'clerkId' | 'acceptedAt' | 'delivery' | 'destination' | 'waybillNo' | 'display'
>;

export async function loadPromiseLists(sla: SlaConfig): Promise<PromiseLists<PromiseItem>> {
  const store = data();
  const at = now();
  const apps = await store.db.applications.find({ selector: { acceptedAt: { $gte: at - WINDOW_DAYS * 86_400_000 } } }).exec();
  const mailed = apps.filter((a) => a.delivery.method === 'mail');
  const ids = mailed.map((a) => a.id);
  const [events, orders] = await Promise.all([
    ids.length ? store.db.events.find({ selector: { applicationId: { $in: ids } } }).exec() : [],
    ids.length ? store.db.workOrders.find({ selector: { applicationId: { $in: ids } } }).exec() : [],
  ]);
  const items: PromiseItem[] = mailed.map((a) => ({
    id: a.id,
    stationId: a.stationId,
    acceptanceNo: a.acceptanceNo,
    businessCode: a.businessCode,
    clerkId: a.clerkId,
    acceptedAt: a.acceptedAt,
    delivery: { method: a.delivery.method },
    ...(a.destination ? { destination: { ...a.destination } } : {}),
    ...(a.waybillNo ? { waybillNo: a.waybillNo } : {}),
    display: { applicantName: a.display.applicantName, idNumber: a.display.idNumber },
  }));
  return promiseLists(
    items,
    events.map((e) => ({ id: e.id, applicationId: e.applicationId, type: e.type, at: e.at })),
    { now: at, sla },
    orders.map((o) => ({ applicationId: o.applicationId, kind: o.kind, status: o.status })),
  );
}
