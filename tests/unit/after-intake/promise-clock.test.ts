// The one delivery-time clock (shared/promises/clock.ts) that the promise screens, reports,
// the enquiry screen and the server's public track endpoint all read.
import { describe, expect, it } from 'vitest';
import { deliveryPromise, promiseClock } from '../../../shared/promises/index.ts';
import { application, HOUR, statusEvent, T0 } from './fixtures.ts';

describe('promiseClock', () => {
  const app = application({ n: 1, tier: 'capital', dueAt: T0 + 12 * HOUR });
  const accepted = statusEvent(app.id, 'accepted', T0);

  it('starts at mail acceptance (the first packed or dispatched event), not window acceptance', () => {
    expect(promiseClock(app, [accepted])).toEqual({
      status: 'accepted',
      applies: true,
      clockStartedAt: null,
      dueAt: null,
    });
    const packedAt = T0 + 72 * HOUR;
    const events = [
      accepted,
      statusEvent(app.id, 'dispatched', packedAt + 2 * HOUR),
      statusEvent(app.id, 'packed', packedAt),
    ];
    expect(promiseClock(app, events)).toMatchObject({
      clockStartedAt: packedAt,
      dueAt: packedAt + 12 * HOUR,
    });
  });

  it('takes the hours of the destination province from the SLA configuration', () => {
    const events = [accepted, statusEvent(app.id, 'packed', T0 + HOUR)];
    const sla = { provinces: { '14': { capital: 10 } } };
    expect(promiseClock(app, events, { sla }).dueAt).toBe(T0 + 11 * HOUR);
  });

  it('uses the due time fixed at intake when the province promises from window acceptance', () => {
    expect(promiseClock(app, [accepted], { clockStart: 'acceptance' })).toMatchObject({
      clockStartedAt: T0,
      dueAt: T0 + 12 * HOUR,
    });
  });

  it('does not apply to collected, cancelled or returned items', () => {
    const collect = application({ n: 2, method: 'collect' });
    expect(promiseClock(collect, [statusEvent(collect.id, 'packed', T0)]).applies).toBe(false);
    const cancelled = [accepted, statusEvent(app.id, 'cancelled', T0 + HOUR)];
    expect(promiseClock(app, cancelled)).toMatchObject({ applies: false, dueAt: null });
  });

  it('is the clock deliveryPromise reports', () => {
    for (const events of [
      [accepted],
      [accepted, statusEvent(app.id, 'packed', T0 + 5 * HOUR)],
      [accepted, statusEvent(app.id, 'dispatched', T0 + 7 * HOUR)],
    ]) {
      const clock = promiseClock(app, events);
      const promise = deliveryPromise(app, events, { now: T0 + 8 * HOUR });
      expect([promise.clockStartedAt, promise.dueAt]).toEqual([clock.clockStartedAt, clock.dueAt]);
    }
  });
});
