// Work orders on this device: raise from an item (with its exception event), assign, note,
// resolve; the list sorted with overdue tickets first.
import { ok, fail, type Result } from '../../../../shared/result.ts';
import type { WorkOrderDoc } from '../../../../shared/sync/collections.ts';
import {
  addWorkOrderNote,
  assignWorkOrder,
  exceptionEventFor,
  raiseWorkOrder,
  resolveWorkOrder,
  sortWorkOrders,
  type WorkOrderKind,
} from '../../../../shared/work-orders/index.ts';
import { findApplicationsByAcceptanceNo, findApplicationsByWaybillNo } from '../../../db/lookups.ts';
import type { StaffSession } from '../../../stores/session.ts';
import { workingCalendar } from './calendar.ts';
import { data, deviceId, freshId, now } from './context.ts';

export interface WorkOrderRow {
  readonly order: WorkOrderDoc;
  readonly acceptanceNo: string;
  readonly waybillNo?: string;
  readonly businessCode?: string;
}

export async function listWorkOrders(): Promise<WorkOrderRow[]> {
  const store = data();
  const orders = (await store.db.workOrders.find({ limit: 2000, sort: [{ deadlineAt: 'asc' }] }).exec()).map((d) =>
    d.toMutableJSON(),
  );
  const apps = await store.db.applications.findByIds([...new Set(orders.map((o) => o.applicationId))]).exec();
  return sortWorkOrders(orders, now()).map((order) => {
    const app = apps.get(order.applicationId);
    return {
      order,
      acceptanceNo: app?.acceptanceNo ?? '',
      ...(app?.waybillNo ? { waybillNo: app.waybillNo } : {}),
      ...(app ? { businessCode: app.businessCode } : {}),
    };
  });
}

/** An item by acceptance or waybill number, for raising a work order from the keyboard. */
export async function findItem(code: string): Promise<Result<{ id: string; acceptanceNo: string }>> {
  const store = data();
  const trimmed = code.trim();
  const found = [
    ...(await findApplicationsByAcceptanceNo(store, trimmed)),
    ...(await findApplicationsByWaybillNo(store, trimmed)),
  ][0];
  return found
    ? ok({ id: found.id, acceptanceNo: found.acceptanceNo })
    : fail('WORK_ORDER_ITEM_NOT_FOUND', '本机没有找到该业务', 'No such item on this device', 'item');
}

export async function raise(input: {
  readonly applicationId: string;
  readonly kind: WorkOrderKind;
  readonly note?: string;
  readonly session: StaffSession;
}): Promise<Result<WorkOrderDoc>> {
  const store = data();
  const at = now();
  const order = raiseWorkOrder({
    id: freshId(),
    stationId: input.session.stationId,
    deviceId: deviceId(),
    applicationId: input.applicationId,
    kind: input.kind,
    raisedBy: input.session.staffId,
    now: at,
    calendar: workingCalendar(),
    ...(input.note?.trim() ? { note: { id: freshId(), text: input.note } } : {}),
  });
  if (!order.ok) return order;
  await store.db.workOrders.insert(order.value);
  const event = exceptionEventFor(order.value, { id: freshId(), deviceId: deviceId(), now: at });
  if (event) {
    await store.db.events.insert(event);
    const app = await store.db.applications.findOne(input.applicationId).exec();
    if (app && app.status !== 'exception') await app.incrementalPatch({ status: 'exception', updatedAt: at });
  }
  return order;
}

async function update(
  id: string,
  change: (order: WorkOrderDoc) => Result<WorkOrderDoc>,
): Promise<Result<WorkOrderDoc>> {
  const doc = await data().db.workOrders.findOne(id).exec();
  if (!doc) return fail('WORK_ORDER_NOT_FOUND', '工单不存在', 'No such work order');
  const next = change(doc.toMutableJSON());
  if (!next.ok) return next;
  await data().db.workOrders.upsert(next.value);
  return next;
}

export const assign = (id: string, assigneeId: string) => update(id, (o) => assignWorkOrder(o, { assigneeId, now: now() }));

export const note = (id: string, text: string, session: StaffSession) =>
  update(id, (o) => addWorkOrderNote(o, { id: freshId(), staffId: session.staffId, text, now: now() }));

export const resolve = (id: string, resolution: string, session: StaffSession) =>
  update(id, (o) => resolveWorkOrder(o, { resolution, staffId: session.staffId, now: now() }));
