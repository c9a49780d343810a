import { describe, expect, it } from 'vitest';
import {
  diskLevel,
  numberPoolLevel,
  reconcile,
  syncAgeLevel,
  type ReconcileApplication,
} from '../../../renderer/features/van/reconciliation.ts';

const H = 3_600_000;
const app = (
  id: string,
  at: number,
  extra: Partial<ReconcileApplication> = {},
): ReconcileApplication => ({
  id,
  acceptedAt: at,
  updatedAt: at,
  status: 'accepted',
  method: 'mail',
  ...extra,
});

describe('shift-end reconciliation', () => {
  it('counts accepted, printed, handed over and waiting to sync since the shift began', () => {
    const result = reconcile({
      applications: [
        app('yesterday', 0),
        app('a', 10 * H),
        app('b', 11 * H, { status: 'materials_handed_over' }),
        app('c', 12 * H, { method: 'collect' }),
        app('d', 13 * H),
      ],
      waybills: [
        { applicationId: 'yesterday', state: 'printed' },
        { applicationId: 'a', state: 'printed' },
        { applicationId: 'b', state: 'printed' },
        { applicationId: 'd', state: 'voided' },
      ],
      inBatches: new Set(['a']),
      since: 9 * H,
      lastSyncedAt: 12.5 * H,
      rejected: new Set(['a']),
    });
    expect(result).toEqual({
      accepted: 4,
      mail: 3,
      collect: 1,
      printed: 2,
      pendingPrint: 1,
      handedOver: 2,
      waitingSync: 2,
      voided: 1,
    });
  });

  it('never synced means everything waits', () => {
    const r = reconcile({
      applications: [app('a', 5)],
      waybills: [],
      inBatches: new Set(),
      since: 0,
      lastSyncedAt: null,
      rejected: new Set(),
    });
    expect(r.waitingSync).toBe(1);
  });
});

describe('shift-start checks', () => {
  it('grades the number pool, sync age and disk', () => {
    expect(numberPoolLevel(0)).toBe('bad');
    expect(numberPoolLevel(5)).toBe('warn');
    expect(numberPoolLevel(500)).toBe('ok');
    expect(syncAgeLevel(null, 0)).toBe('bad');
    expect(syncAgeLevel(0, 13 * H)).toBe('warn');
    expect(syncAgeLevel(0, 1 * H)).toBe('ok');
    expect(diskLevel(100 * 1024 ** 2)).toBe('bad');
    expect(diskLevel(1024 ** 3)).toBe('warn');
    expect(diskLevel(50 * 1024 ** 3)).toBe('ok');
  });
});
