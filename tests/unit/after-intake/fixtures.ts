// Synthetic after-intake documents for unit tests (no real person's data).
import { monotonicFactory } from 'ulid';
import { s10CheckDigit } from '../../../shared/validation/index.ts';
import type { ApplicationDoc, EventDoc } from '../../../shared/sync/collections.ts';

export const T0 = Date.parse('2026-09-30T09:00:00+08:00');
export const HOUR = 3600_000;

export function idFactory(seed = T0): () => string {
  const next = monotonicFactory();
  return () => next(seed);
}

export function waybillNo(serial: number): string {
  const s = String(serial).padStart(8, '0');
  return `EA${s}${s10CheckDigit(s)}CN`;
}

export interface AppOptions {
  readonly n: number;
  readonly stationId?: string;
  readonly clerkId?: string;
  readonly method?: 'mail' | 'collect';
  readonly businessCode?: string;
  readonly acceptedAt?: number;
  readonly status?: string;
  readonly divisionCode?: string;
  readonly tier?: 'capital' | 'city' | 'county' | 'rural';
  readonly dueAt?: number;
  readonly declineReason?: string;
  readonly collectPointCode?: string;
  readonly withWaybill?: boolean;
}

const newId = idFactory();

export function application(o: AppOptions): ApplicationDoc {
  const acceptedAt = o.acceptedAt ?? T0;
  const method = o.method ?? 'mail';
  const id = newId();
  const divisionCode = o.divisionCode ?? '140105001';
  return {
    id,
    stationId: o.stationId ?? 'S001',
    deviceId: 'D1',
    createdAt: acceptedAt,
    updatedAt: acceptedAt,
    acceptanceNo: `A2026${String(o.n).padStart(6, '0')}`,
    businessCode: o.businessCode ?? 'ID_RENEWAL',
    status: o.status ?? 'accepted',
    priority: 'normal',
    clerkId: o.clerkId ?? 'clerk1',
    acceptedAt,
    applicant: { name: '测试', idNumber: '110105199003071239', birthDate: '19900307' },
    delivery:
      method === 'mail'
        ? { method }
        : {
            method,
            collectPointCode: o.collectPointCode ?? 'PS140105',
            ...(o.declineReason ? { declineReason: o.declineReason } : {}),
          },
    ...(method === 'mail'
      ? {
          destination: {
            divisionCode,
            tier: o.tier ?? 'capital',
            sortCode: divisionCode.slice(0, 6),
            dueAt: o.dueAt ?? acceptedAt + 12 * HOUR,
          },
          ...(o.withWaybill === false ? {} : { waybillNo: waybillNo(1000 + o.n) }),
        }
      : {}),
    display: { applicantName: '测*', idNumber: '110105********1239' },
  };
}

export function statusEvent(
  applicationId: string,
  type: string,
  at: number,
  extra: Partial<EventDoc> = {},
): EventDoc {
  return {
    id: newId(),
    stationId: 'S001',
    deviceId: 'D1',
    createdAt: at,
    updatedAt: at,
    applicationId,
    type,
    at,
    staffId: 'clerk1',
    ...extra,
  };
}
