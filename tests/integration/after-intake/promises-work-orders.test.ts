// Done-when against a real server: an item past its due time, synced from one device, is
// listed overdue with its refund flag on another; a complaint raised the afternoon before
// National Day gets its deadline from the calendar the server serves (first working day after
// the holiday), and that deadline survives the round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monotonicFactory } from 'ulid';
import { createCalendar, parseCalendarData } from '../../../shared/calendar/index.ts';
import { promiseLists } from '../../../shared/promises/index.ts';
import { unwrap } from '../../../shared/result.ts';
import type { ApplicationDoc, EventDoc, WorkOrderDoc } from '../../../shared/sync/collections.ts';
import { raiseWorkOrder, workOrderState } from '../../../shared/work-orders/index.ts';
import { databaseKinds } from '../../support/server-db.ts';
import {
  api,
  inserts,
  loginAs,
  pushDocs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { application, statusEvent } from '../../unit/after-intake/fixtures.ts';
import { pullUntil } from './pull-until.ts';

const ulid = monotonicFactory();
const HOUR = 3_600_000;
const bj = (s: string) => Date.parse(`${s}+08:00`);

for (const kind of databaseKinds()) {
  describe(`promises and work orders through the server (${kind})`, () => {
    let server: TestServer;
    let a: Session;
    let b: Session;

    beforeAll(async () => {
      server = await startTestServer({ kind });
      a = await loginAs(server, { stationId: 'S001' });
      b = await loginAs(server, { stationId: 'S001' });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('lists an item past its due time as overdue, with its postage refund flag', async () => {
      const now = Date.now();
      const late = {
        ...application({ n: 901, stationId: 'S001', acceptedAt: now - 72 * HOUR, tier: 'capital' }),
        deviceId: a.deviceId,
      };
      const fine = {
        ...application({ n: 902, stationId: 'S001', acceptedAt: now - 72 * HOUR, tier: 'rural' }),
        deviceId: a.deviceId,
      };
      const events = [
        statusEvent(late.id, 'packed', now - 13 * HOUR, {
          stationId: 'S001',
          deviceId: a.deviceId,
        }),
        statusEvent(fine.id, 'packed', now - 13 * HOUR, {
          stationId: 'S001',
          deviceId: a.deviceId,
        }),
      ];
      expect(
        (
          await pushDocs(
            server,
            a,
            'applications',
            inserts([late, fine].map((d) => ({ ...d, _deleted: false }))),
          )
        ).rejected,
      ).toEqual([]);
      expect(
        (
          await pushDocs(
            server,
            a,
            'events',
            inserts(events.map((d) => ({ ...d, _deleted: false }))),
          )
        ).rejected,
      ).toEqual([]);

      // Device B knows the items only from the server.
      const ids = new Set([late.id, fine.id]);
      const pulledApps = (await pullUntil(
        server,
        b,
        'applications',
        (d) => d.filter((x) => ids.has(x.id)).length === 2,
      )) as unknown as ApplicationDoc[];
      const pulledEvents = (await pullUntil(
        server,
        b,
        'events',
        (d) => d.filter((x) => ids.has(String(x.applicationId))).length === 2,
      )) as unknown as EventDoc[];
      const lists = promiseLists(pulledApps, pulledEvents, { now });
      expect(lists.overdue.map((p) => p.application.acceptanceNo)).toEqual([late.acceptanceNo]);
      expect(lists.overdue[0]).toMatchObject({
        state: 'overdue',
        refundDue: true,
        refund: 'due',
        dueAt: now - HOUR,
      });
      expect(lists.refunds.map((p) => p.application.id)).toEqual([late.id]);
      expect(lists.all.find((p) => p.application.id === fine.id)?.state).toBe('on_time');
    });

    it('gives a complaint raised before National Day the deadline of the first working day after it', async () => {
      const served = await api(server, { method: 'GET', url: '/calendar' }, a);
      expect(served.statusCode).toBe(200);
      const calendar = createCalendar(unwrap(parseCalendarData(served.json())));
      const raisedAt = bj('2026-09-30T17:00:00');
      const order = unwrap(
        raiseWorkOrder({
          id: ulid(raisedAt),
          stationId: 'S001',
          deviceId: a.deviceId,
          applicationId: ulid(raisedAt),
          kind: 'complaint',
          raisedBy: a.staffId,
          now: raisedAt,
          calendar,
          note: { id: ulid(raisedAt), text: '来电投诉：证件未按时送达' },
        }),
      );
      expect(order.deadlineAt).toBe(bj('2026-10-08T23:59:59.999'));
      expect(
        (await pushDocs(server, a, 'workOrders', inserts([{ ...order, _deleted: false }])))
          .rejected,
      ).toEqual([]);
      const pulled = await pullUntil(server, b, 'workOrders', (d) =>
        d.some((x) => x.id === order.id),
      );
      const back = pulled.find((d) => d.id === order.id) as unknown as WorkOrderDoc;
      expect(back.deadlineAt).toBe(order.deadlineAt);
      expect(workOrderState(back, bj('2026-10-08T18:00:00'))).toBe('open');
      expect(workOrderState(back, bj('2026-10-09T09:00:00'))).toBe('overdue');
    });
  });
}
