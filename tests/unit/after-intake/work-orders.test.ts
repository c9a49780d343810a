import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCalendar, SEED_CALENDAR } from '../../../shared/calendar/index.ts';
import {
  addWorkOrderNote,
  assignWorkOrder,
  exceptionEventFor,
  isWorkOrderOverdue,
  mergeWorkOrderVersions,
  raiseWorkOrder,
  resolveWorkOrder,
  sortWorkOrders,
  workOrderDeadline,
  workOrderState,
  type WorkOrderKind,
} from '../../../shared/work-orders/index.ts';
import type { WorkOrderDoc } from '../../../shared/sync/collections.ts';
import { idFactory } from './fixtures.ts';

const calendar = createCalendar(SEED_CALENDAR);
const newId = idFactory();
const bj = (s: string) => Date.parse(`${s}+08:00`);

function raise(at: number, kind: WorkOrderKind = 'complaint'): WorkOrderDoc {
  const r = raiseWorkOrder({
    id: newId(),
    stationId: 'S001',
    deviceId: 'D1',
    applicationId: newId(),
    kind,
    raisedBy: 'clerk1',
    now: at,
    calendar,
    note: { id: newId(), text: '  申请人来电投诉未按时收到  ' },
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('work order deadline: one working day by the holiday calendar', () => {
  it('a complaint raised before National Day is due at the end of the first working day after it', () => {
    // 2026: 10-01..10-07 off; 10-10 (Saturday) is an adjusted working day.
    const order = raise(bj('2026-09-30T17:00:00'));
    expect(new Date(order.deadlineAt).toISOString()).toBe(
      new Date(bj('2026-10-08T23:59:59.999')).toISOString(),
    );
    expect(order.notes).toEqual([
      expect.objectContaining({ text: '申请人来电投诉未按时收到', staffId: 'clerk1' }),
    ]);
  });

  it('counts an adjusted working Saturday, and skips an ordinary weekend', () => {
    expect(workOrderDeadline(bj('2026-10-09T10:00:00'), calendar)).toBe(
      bj('2026-10-10T23:59:59.999'),
    );
    expect(workOrderDeadline(bj('2026-10-16T10:00:00'), calendar)).toBe(
      bj('2026-10-19T23:59:59.999'),
    );
  });

  it('is always later than the raise time and falls on a working day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: bj('2026-01-01T00:00:00'), max: bj('2026-12-31T23:59:59') }),
        (at) => {
          const deadline = workOrderDeadline(at, calendar);
          expect(deadline).toBeGreaterThan(at);
          expect(calendar.isWorkingDay(deadline)).toBe(true);
          expect(deadline - at).toBeLessThan(12 * 86_400_000);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('work order lifecycle', () => {
  const at = bj('2026-09-30T17:00:00');

  it('is assigned, noted and resolved; a resolved order no longer changes', () => {
    let order = raise(at, 'lost');
    const assigned = assignWorkOrder(order, { assigneeId: 'sup1', now: at + 1 });
    expect(assigned).toMatchObject({ ok: true, value: { status: 'assigned', assigneeId: 'sup1' } });
    if (!assigned.ok) return;
    order = assigned.value;
    expect(
      addWorkOrderNote(order, { id: newId(), staffId: 'sup1', text: '   ', now: at + 2 }),
    ).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_TEXT_EMPTY' } });
    const noted = addWorkOrderNote(order, {
      id: newId(),
      staffId: 'sup1',
      text: '已联系投递局查找',
      now: at + 2,
    });
    if (!noted.ok) throw new Error('note');
    expect(noted.value.notes).toHaveLength(2);
    const resolved = resolveWorkOrder(noted.value, {
      resolution: '已找到并重新投递',
      staffId: 'sup1',
      now: at + 3,
    });
    expect(resolved).toMatchObject({ ok: true, value: { status: 'resolved', resolvedAt: at + 3 } });
    if (!resolved.ok) return;
    expect(
      resolveWorkOrder(resolved.value, { resolution: 'x', staffId: 'sup1', now: at + 4 }).ok,
    ).toBe(false);
    expect(assignWorkOrder(resolved.value, { assigneeId: 'x', now: at + 4 }).ok).toBe(false);
    expect(workOrderState(resolved.value, at + 10 * 86_400_000)).toBe('resolved');
  });

  it('makes overdue tickets stand out: flagged, listed first', () => {
    const overdue = raise(at);
    const fresh = raise(at + 9 * 86_400_000);
    const now = bj('2026-10-09T09:00:00');
    expect(isWorkOrderOverdue(overdue, now)).toBe(true);
    expect(workOrderState(overdue, now)).toBe('overdue');
    expect(workOrderState(fresh, now)).toBe('open');
    const late = resolveWorkOrder(overdue, { resolution: '已答复', staffId: 's', now });
    if (!late.ok) throw new Error('resolve');
    expect(workOrderState(late.value, now)).toBe('resolved_late');
    expect(
      sortWorkOrders([late.value, fresh, overdue], now).map((o) => workOrderState(o, now)),
    ).toEqual(['overdue', 'open', 'resolved_late']);
  });

  it('records an exception on the item for kinds that stop it, not for complaints', () => {
    const lost = raise(at, 'lost');
    expect(exceptionEventFor(lost, { id: newId(), deviceId: 'D1', now: at })).toMatchObject({
      type: 'exception_raised',
      applicationId: lost.applicationId,
      reason: 'lost',
    });
    expect(
      exceptionEventFor(raise(at, 'complaint'), { id: newId(), deviceId: 'D1', now: at }),
    ).toBeNull();
  });

  it('merges two devices’ edits: notes united, status never back, resolution kept', () => {
    const base = raise(at);
    const a = addWorkOrderNote(base, { id: newId(), staffId: 'a', text: 'A 的备注', now: at + 10 });
    const b0 = assignWorkOrder(base, { assigneeId: 'b', now: at + 5 });
    if (!a.ok || !b0.ok) throw new Error('setup');
    const b1 = addWorkOrderNote(b0.value, {
      id: newId(),
      staffId: 'b',
      text: 'B 的备注',
      now: at + 6,
    });
    if (!b1.ok) throw new Error('setup');
    const b = resolveWorkOrder(b1.value, { resolution: '已处理', staffId: 'b', now: at + 7 });
    if (!b.ok) throw new Error('setup');
    for (const merged of [
      mergeWorkOrderVersions(b.value, a.value),
      mergeWorkOrderVersions(a.value, b.value),
    ]) {
      expect(merged.status).toBe('resolved');
      expect(merged.resolution).toBe('已处理');
      expect(merged.assigneeId).toBe('b');
      expect(merged.notes.map((n) => n.text)).toEqual([
        '申请人来电投诉未按时收到',
        'B 的备注',
        'A 的备注',
      ]);
    }
  });
});
