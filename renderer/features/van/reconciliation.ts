// Shift-end reconciliation (收车对账): what was accepted, printed, handed over and is still
// waiting to sync since the shift began. Pure, so the counts are unit-tested.
import { statusRank, isApplicationStatus } from '../../../shared/lifecycle/index.ts';

export interface ReconcileApplication {
  readonly id: string;
  readonly acceptedAt: number;
  readonly updatedAt: number;
  readonly status: string;
  readonly method: 'mail' | 'collect';
}

export interface ReconcileWaybill {
  readonly applicationId: string;
  readonly state: string;
}

export interface Reconciliation {
  readonly accepted: number;
  readonly mail: number;
  readonly collect: number;
  readonly printed: number;
  readonly pendingPrint: number;
  readonly handedOver: number;
  readonly waitingSync: number;
  readonly voided: number;
}

const HANDED_OVER_RANK = statusRank('materials_handed_over');

export function reconcile(input: {
  applications: readonly ReconcileApplication[];
  waybills: readonly ReconcileWaybill[];
  /** Application ids in a handover batch (materials run) created on this device. */
  inBatches: ReadonlySet<string>;
  since: number;
  lastSyncedAt: number | null;
  /** Applications the server rejected (open sync issues): also waiting. */
  rejected: ReadonlySet<string>;
}): Reconciliation {
  const apps = input.applications.filter((a) => a.acceptedAt >= input.since);
  const ids = new Set(apps.map((a) => a.id));
  const waybills = input.waybills.filter((w) => ids.has(w.applicationId));
  const printedApps = new Set(
    waybills.filter((w) => w.state === 'printed').map((w) => w.applicationId),
  );
  const mail = apps.filter((a) => a.method === 'mail');
  return {
    accepted: apps.length,
    mail: mail.length,
    collect: apps.length - mail.length,
    printed: printedApps.size,
    pendingPrint: mail.filter((a) => !printedApps.has(a.id)).length,
    handedOver: apps.filter(
      (a) =>
        input.inBatches.has(a.id) ||
        (isApplicationStatus(a.status) &&
          statusRank(a.status) >= HANDED_OVER_RANK &&
          a.status !== 'cancelled'),
    ).length,
    waitingSync: apps.filter(
      (a) =>
        input.rejected.has(a.id) || input.lastSyncedAt === null || a.updatedAt > input.lastSyncedAt,
    ).length,
    voided: waybills.filter((w) => w.state === 'voided').length,
  };
}

export type CheckLevel = 'ok' | 'warn' | 'bad';

/** Shift-start thresholds. */
export const SHIFT_LIMITS = {
  minNumbers: 20,
  maxSyncAgeHours: 12,
  minFreeBytes: 2 * 1024 ** 3,
} as const;

export function numberPoolLevel(remaining: number): CheckLevel {
  return remaining === 0 ? 'bad' : remaining < SHIFT_LIMITS.minNumbers ? 'warn' : 'ok';
}

export function syncAgeLevel(lastSyncedAt: number | null, now: number): CheckLevel {
  if (lastSyncedAt === null) return 'bad';
  return now - lastSyncedAt > SHIFT_LIMITS.maxSyncAgeHours * 3_600_000 ? 'warn' : 'ok';
}

export function diskLevel(freeBytes: number | null): CheckLevel {
  if (freeBytes === null) return 'warn';
  return freeBytes < SHIFT_LIMITS.minFreeBytes / 4
    ? 'bad'
    : freeBytes < SHIFT_LIMITS.minFreeBytes
      ? 'warn'
      : 'ok';
}
