import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  STATUS_EVENT_LABELS,
  STATUS_EVENT_TYPES,
  RESUMABLE_STATUSES,
  eventTargetStatus,
  isTerminal,
  statusAfterEvents,
  statusRank,
  type StatusEventLike,
  type StatusEventType,
} from '../../../shared/lifecycle/index.ts';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
let seq = 0;
const ev = (
  type: StatusEventType,
  minutes: number,
  extra: Partial<StatusEventLike> = {},
): StatusEventLike => ({
  id: `E${String(seq++).padStart(4, '0')}`,
  type,
  occurredAt: T0 + minutes * 60_000,
  ...extra,
});

describe('statusAfterEvents', () => {
  it('labels every event type', () => {
    for (const t of STATUS_EVENT_TYPES)
      expect(STATUS_EVENT_LABELS[t].zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('starts at accepted and follows a delivery with a failed attempt', () => {
    expect(statusAfterEvents([])).toBe('accepted');
    const events = [
      ev('accepted', 0),
      ev('produced', 60),
      ev('packed', 70),
      ev('dispatched', 80),
      ev('out_for_delivery', 600),
      ev('appointment_made', 610),
      ev('failed_attempt', 700),
    ];
    expect(statusAfterEvents(events)).toBe('failed_attempt');
    expect(statusAfterEvents([...events, ev('out_for_delivery', 2000)])).toBe('out_for_delivery');
    expect(
      statusAfterEvents([...events, ev('out_for_delivery', 2000), ev('delivered', 2100)]),
    ).toBe('delivered');
  });

  it('skips forward over events another device has not sent yet', () => {
    expect(statusAfterEvents([ev('accepted', 0), ev('dispatched', 5)])).toBe('dispatched');
  });

  it('ignores a stale event that would move the status backwards', () => {
    expect(statusAfterEvents([ev('dispatched', 10), ev('packed', 20)])).toBe('dispatched');
  });

  it('keeps an exception open until it is resolved, and resumes where told', () => {
    const raised = [ev('accepted', 0), ev('produced', 10), ev('exception_raised', 20)];
    expect(statusAfterEvents(raised)).toBe('exception');
    // A device that had not seen the exception packs the item: the exception stays.
    expect(statusAfterEvents([...raised, ev('packed', 30)])).toBe('exception');
    const resolved = [...raised, ev('exception_resolved', 40, { resumeStatus: 'produced' })];
    expect(statusAfterEvents(resolved)).toBe('produced');
    expect(statusAfterEvents([...resolved, ev('packed', 50)])).toBe('packed');
    // A resolution without a usable resume status changes nothing.
    expect(statusAfterEvents([...raised, ev('exception_resolved', 40)])).toBe('exception');
    expect(
      statusAfterEvents([...raised, ev('exception_resolved', 40, { resumeStatus: 'delivered' })]),
    ).toBe('exception');
    // A terminal fact closes an open exception.
    expect(statusAfterEvents([...raised, ev('returned', 50)])).toBe('returned');
  });

  it('never leaves a terminal status', () => {
    expect(statusAfterEvents([ev('delivered', 10), ev('exception_raised', 20)])).toBe('delivered');
    expect(statusAfterEvents([ev('cancelled', 10), ev('packed', 20)])).toBe('cancelled');
    // Conflicting terminal facts: the higher rank wins whatever the times.
    expect(statusAfterEvents([ev('delivered', 10), ev('cancelled', 20)])).toBe('delivered');
    expect(statusAfterEvents([ev('cancelled', 10), ev('delivered', 20)])).toBe('delivered');
  });

  it('orders same-time events deterministically and tolerates unreadable times', () => {
    const a = { id: 'B', type: 'packed', occurredAt: T0 } as const;
    const b = { id: 'A', type: 'dispatched', occurredAt: T0 } as const;
    expect(statusAfterEvents([a, b])).toBe('dispatched');
    expect(statusAfterEvents([b, a])).toBe('dispatched');
    expect(
      statusAfterEvents([
        { id: 'X', type: 'packed', occurredAt: 'not a date' },
        { id: 'Y', type: 'produced', occurredAt: '2026-03-02T10:00:00+08:00' },
      ]),
    ).toBe('packed');
  });

  it('maps events to statuses', () => {
    expect(eventTargetStatus(ev('appointment_made', 0))).toBeNull();
    expect(eventTargetStatus(ev('arrived_for_collection', 0))).toBe('awaiting_collection');
    expect(eventTargetStatus(ev('production_started', 0))).toBe('in_production');
  });
});

const eventArb = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  type: fc.constantFrom(...STATUS_EVENT_TYPES),
  occurredAt: fc.integer({ min: T0, max: T0 + 20 * 60_000 }),
  resumeStatus: fc.option(fc.constantFrom(...RESUMABLE_STATUSES), { nil: undefined }),
});
const eventsArb = fc.uniqueArray(eventArb, { selector: (e) => e.id, maxLength: 14 });

describe('statusAfterEvents properties', () => {
  it('is independent of arrival order and of duplicates (union-safe)', () => {
    fc.assert(
      fc.property(eventsArb, fc.integer(), (events, seed) => {
        const expected = statusAfterEvents(events);
        const shuffled = [...events, ...events.slice(0, 3)].sort(
          (a, b) => ((a.id.charCodeAt(0) * seed) % 7) - ((b.id.charCodeAt(0) * seed) % 7),
        );
        expect(statusAfterEvents(shuffled)).toBe(expected);
        expect(statusAfterEvents([...events].reverse())).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('ends terminal exactly when some event is a terminal fact', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const hasTerminal = events.some((e) => {
          const t = eventTargetStatus(e);
          return t !== null && isTerminal(t);
        });
        expect(isTerminal(statusAfterEvents(events))).toBe(hasTerminal);
      }),
      { numRuns: 1000 },
    );
  });

  it('without recoveries, is the highest-ranked status any event asks for', () => {
    const forwardOnly = STATUS_EVENT_TYPES.filter(
      (t) => t !== 'exception_resolved' && t !== 'failed_attempt',
    );
    const arb = fc.uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 6 }),
        type: fc.constantFrom(...forwardOnly),
        occurredAt: fc.integer({ min: T0, max: T0 + 20 * 60_000 }),
      }),
      { selector: (e) => e.id, maxLength: 14 },
    );
    fc.assert(
      fc.property(arb, (events) => {
        const ranks = events
          .map((e) => eventTargetStatus(e))
          .filter((s) => s !== null)
          .map(statusRank);
        expect(statusRank(statusAfterEvents(events))).toBe(
          Math.max(statusRank('accepted'), ...ranks),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('a merged log never ranks below either side, unless a recovery event is involved', () => {
    fc.assert(
      // Two devices' logs: subsets of one set of events (an id always means the same event).
      fc.property(
        eventsArb.chain((pool) => fc.tuple(fc.subarray(pool), fc.subarray(pool))),
        ([a, b]) => {
          const union = [...a, ...b.filter((e) => !a.some((x) => x.id === e.id))];
          const recovery = union.some(
            (e) => e.type === 'exception_resolved' || e.type === 'failed_attempt',
          );
          fc.pre(!recovery);
          const merged = statusRank(statusAfterEvents(union));
          expect(merged).toBeGreaterThanOrEqual(statusRank(statusAfterEvents(a)));
          expect(merged).toBeGreaterThanOrEqual(statusRank(statusAfterEvents(b)));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
