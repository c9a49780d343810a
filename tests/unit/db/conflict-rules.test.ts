import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeConflict, sameValue } from '../../../renderer/sync/conflict-rules.ts';

const base = { id: '01J0000000000000000000000A', stationId: 'S001', _deleted: false };

describe('conflict rules', () => {
  it('status never moves backwards, whichever side is higher', () => {
    const master = { ...base, status: 'dispatched', note: 'server' };
    const fork = { ...base, status: 'packed', note: 'local' };
    const { merged, lostFields, losing } = mergeConflict('applications', master, fork);
    expect(merged.status).toBe('dispatched');
    // The fork reached the server later: its other fields win; the master's note is kept.
    expect(merged.note).toBe('local');
    expect(lostFields).toEqual(['note']);
    expect(losing).toEqual({ note: 'server' });
    expect(mergeConflict('applications', fork, master).merged.status).toBe('dispatched');
  });

  it('work-order notes are a union by id; a note edited on both sides keeps both texts', () => {
    const n = (id: string, text: string) => ({ id, at: 1, staffId: 's', text });
    const master = { ...base, status: 'assigned', notes: [n('a', 'one'), n('b', 'two')] };
    const fork = {
      ...base,
      status: 'open',
      notes: [n('a', 'one'), n('c', 'three'), n('b', 'TWO')],
    };
    const { merged, lostFields, losing } = mergeConflict('workOrders', master, fork);
    expect(merged.status).toBe('assigned');
    expect(merged.notes).toEqual([n('a', 'one'), n('b', 'TWO'), n('c', 'three')]);
    expect(lostFields).toEqual(['notes']);
    expect(losing).toEqual({ notes: [n('b', 'two')] });
  });

  it('batch items are a union by application; media ids a set union', () => {
    const item = (applicationId: string) => ({
      applicationId,
      acceptanceNo: applicationId,
      scannedAt: 1,
    });
    const batches = mergeConflict(
      'batches',
      { ...base, status: 'sealed', items: [item('x'), item('y')] },
      { ...base, status: 'open', items: [item('y'), item('z')] },
    );
    expect(batches.merged.items).toEqual([item('x'), item('y'), item('z')]);
    expect(batches.merged.status).toBe('sealed');
    expect(batches.lostFields).toEqual([]);
    const apps = mergeConflict(
      'applications',
      { ...base, status: 'accepted', mediaIds: ['m1', 'm2'] },
      { ...base, status: 'accepted', mediaIds: ['m3'] },
    );
    expect(apps.merged.mediaIds).toEqual(['m1', 'm2', 'm3']);
  });

  it('waybill print counts take the maximum and states only move forward', () => {
    const { merged } = mergeConflict(
      'waybills',
      { ...base, state: 'printed', printCount: 2 },
      { ...base, state: 'allocated', printCount: 1 },
    );
    expect(merged).toMatchObject({ state: 'printed', printCount: 2 });
  });

  it('a field only the master has is lost to the later write and kept as losing', () => {
    const { merged, lostFields, losing } = mergeConflict(
      'vehicles',
      { ...base, engineNo: 'E1' },
      { ...base },
    );
    expect('engineNo' in merged).toBe(false);
    expect(lostFields).toEqual(['engineNo']);
    expect(losing).toEqual({ engineNo: 'E1' });
  });

  it('nothing is lost: every master value survives in the merge or in losing', () => {
    const note = fc.record({
      id: fc.constantFrom('a', 'b', 'c'),
      at: fc.nat(),
      staffId: fc.constant('s'),
      text: fc.string(),
    });
    const order = fc.record({
      status: fc.constantFrom('open', 'assigned', 'resolved'),
      notes: fc.uniqueArray(note, { selector: (x) => x.id }),
      resolution: fc.option(fc.string(), { nil: undefined }),
      assigneeId: fc.option(fc.string(), { nil: undefined }),
    });
    fc.assert(
      fc.property(order, order, (m, f) => {
        const master = { ...base, ...m };
        const fork = { ...base, ...f };
        const { merged, losing } = mergeConflict('workOrders', master, fork);
        const rank = ['open', 'assigned', 'resolved'];
        expect(rank.indexOf(String(merged.status))).toBe(
          Math.max(rank.indexOf(m.status), rank.indexOf(f.status)),
        );
        for (const n of [...m.notes, ...f.notes]) {
          const kept = (merged.notes as unknown[]).some((x) => sameValue(x, n));
          const lost = ((losing.notes as unknown[] | undefined) ?? []).some((x) => sameValue(x, n));
          expect(kept || lost).toBe(true);
        }
        for (const field of ['resolution', 'assigneeId'] as const) {
          if (!sameValue(m[field], merged[field])) expect(losing[field]).toEqual(m[field] ?? null);
        }
        // Deterministic.
        expect(mergeConflict('workOrders', master, fork)).toEqual({
          merged,
          lostFields: expect.any(Array),
          losing,
        });
      }),
      { numRuns: 300 },
    );
  });
});
