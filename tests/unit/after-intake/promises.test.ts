import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  deliveryPromise,
  dueDisplay,
  formatBeijing,
  itemTimeline,
  promiseLists,
} from '../../../shared/promises/index.ts';
import { application, HOUR, statusEvent, T0 } from './fixtures.ts';

const packed = (id: string, at = T0) => statusEvent(id, 'packed', at);

describe('deliveryPromise', () => {
  const app = application({ n: 1, tier: 'capital' });

  it('starts the clock when the post takes the item in and is due after the tier hours', () => {
    const p = deliveryPromise(
      app,
      [statusEvent(app.id, 'accepted', T0 - 72 * HOUR), packed(app.id)],
      {
        now: T0 + HOUR,
      },
    );
    expect(p).toMatchObject({
      state: 'on_time',
      clockStartedAt: T0,
      dueAt: T0 + 12 * HOUR,
      refundDue: false,
      refund: 'none',
    });
    expect(
      deliveryPromise(application({ n: 2, tier: 'rural' }), [packed(app.id)], { now: T0 }).dueAt,
    ).toBe(T0 + 48 * HOUR);
  });

  it('flags at-risk in the last fifth of the window and overdue after it, with the refund', () => {
    const events = [packed(app.id)];
    expect(deliveryPromise(app, events, { now: T0 + 10 * HOUR }).state).toBe('at_risk');
    const late = deliveryPromise(app, events, { now: T0 + 13 * HOUR });
    expect(late).toMatchObject({
      state: 'overdue',
      refundDue: true,
      refund: 'due',
      lateByMs: HOUR,
    });
    const raised = deliveryPromise(app, events, { now: T0 + 13 * HOUR }, [
      { applicationId: app.id, kind: 'overdue_refund', status: 'open' },
    ]);
    expect(raised.refund).toBe('raised');
    const paid = deliveryPromise(app, events, { now: T0 + 13 * HOUR }, [
      { applicationId: app.id, kind: 'overdue_refund', status: 'resolved' },
    ]);
    expect(paid.refund).toBe('refunded');
  });

  it('judges delivered items by the delivery time', () => {
    const onTime = deliveryPromise(
      app,
      [packed(app.id), statusEvent(app.id, 'delivered', T0 + 11 * HOUR)],
      { now: T0 + 99 * HOUR },
    );
    expect(onTime).toMatchObject({ state: 'met', deliveredAt: T0 + 11 * HOUR, refundDue: false });
    const late = deliveryPromise(
      app,
      [packed(app.id), statusEvent(app.id, 'delivered', T0 + 14 * HOUR)],
      { now: T0 + 99 * HOUR },
    );
    expect(late).toMatchObject({
      state: 'missed',
      lateByMs: 2 * HOUR,
      refundDue: true,
      refund: 'due',
    });
  });

  it('has no promise for collected, cancelled or not-yet-mailed items', () => {
    expect(deliveryPromise(application({ n: 3, method: 'collect' }), [], { now: T0 }).state).toBe(
      'not_applicable',
    );
    expect(
      deliveryPromise(app, [packed(app.id), statusEvent(app.id, 'cancelled', T0 + HOUR)], {
        now: T0 + 99 * HOUR,
      }).state,
    ).toBe('not_applicable');
    expect(
      deliveryPromise(app, [statusEvent(app.id, 'produced', T0)], { now: T0 + 99 * HOUR }).state,
    ).toBe('not_started');
  });

  it('can run the clock from window acceptance with the due time fixed at intake', () => {
    const fixed = application({ n: 4, acceptedAt: T0, dueAt: T0 + 5 * HOUR });
    const p = deliveryPromise(fixed, [], { now: T0 + 6 * HOUR, clockStart: 'acceptance' });
    expect(p).toMatchObject({
      state: 'overdue',
      dueAt: T0 + 5 * HOUR,
      clockStartedAt: T0,
      refundDue: true,
    });
  });

  it('uses per-province hours from the SLA configuration', () => {
    const p = deliveryPromise(app, [packed(app.id)], {
      now: T0,
      sla: { provinces: { '14': { capital: 8 } } },
    });
    expect(p.dueAt).toBe(T0 + 8 * HOUR);
  });

  it('is overdue exactly when an undelivered item is past its due time (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 * HOUR }),
        fc.integer({ min: -HOUR, max: 100 * HOUR }),
        (packedAfter, nowAfter) => {
          const start = T0 + packedAfter;
          const now = start + nowAfter;
          const p = deliveryPromise(app, [packed(app.id, start)], { now });
          expect(p.state === 'overdue').toBe(now > start + 12 * HOUR);
          expect(p.refundDue).toBe(p.state === 'overdue');
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('promiseLists', () => {
  it('lists at-risk and overdue items in due order, with refunds', () => {
    const a = application({ n: 10 });
    const b = application({ n: 11 });
    const c = application({ n: 12 });
    const d = application({ n: 13, method: 'collect' });
    const events = [
      packed(a.id, T0 - 20 * HOUR),
      packed(b.id, T0 - 14 * HOUR),
      packed(c.id, T0 - 11 * HOUR),
    ];
    const lists = promiseLists([c, b, a, d], events, { now: T0 });
    expect(lists.overdue.map((p) => p.application.id)).toEqual([a.id, b.id]);
    expect(lists.atRisk.map((p) => p.application.id)).toEqual([c.id]);
    expect(lists.refunds.map((p) => p.application.id)).toEqual([a.id, b.id]);
    expect(lists.all).toHaveLength(4);
  });
});

describe('display and timeline', () => {
  it('shows due times in Beijing time with time left or overdue', () => {
    expect(formatBeijing(Date.parse('2026-09-30T13:05:00Z'))).toBe('09-30 21:05');
    expect(formatBeijing(Date.parse('2027-01-02T00:00:00Z'), T0)).toBe('2027-01-02 08:00');
    expect(dueDisplay(T0 + 3 * HOUR + 20 * 60_000, T0)).toMatchObject({
      relativeZh: '还剩 3小时20分',
      overdue: false,
    });
    expect(dueDisplay(T0, T0 + 26 * HOUR)).toMatchObject({
      relativeZh: '已超时 1天2小时',
      relativeEn: '1 d 2 h overdue',
      overdue: true,
    });
  });

  it('orders an item timeline deterministically, once per event, labelled', () => {
    const app = application({ n: 20 });
    const e1 = statusEvent(app.id, 'accepted', T0);
    const e2 = statusEvent(app.id, 'packed', T0 + HOUR);
    const e3 = statusEvent(app.id, 'dispatched', T0 + HOUR);
    const odd = statusEvent(app.id, 'not_a_status', T0);
    const timeline = itemTimeline([e3, e2, e1, e2, odd]);
    expect(timeline.map((t) => [t.type, t.labelZh])).toEqual([
      ['accepted', '受理'],
      ['packed', '封装'],
      ['dispatched', '寄出'],
    ]);
  });
});
