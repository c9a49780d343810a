// Valid synced documents for server tests, built from the shared schemas' rules. Synthetic
// personal data only (DOMAIN.md's test numbers).
import { ulid } from 'ulid';
import type { ApplicationDoc, EventDoc, WaybillDoc } from '../../shared/sync/collections.ts';

const NOW = 1_767_225_600_000; // 2026-01-01

export function applicationDoc(
  stationId: string,
  overrides: Partial<ApplicationDoc> = {},
): ApplicationDoc & { _deleted: boolean } {
  return {
    id: ulid(),
    stationId,
    deviceId: 'device-under-test',
    createdAt: NOW,
    updatedAt: NOW,
    acceptanceNo: `SL${Math.floor(Math.random() * 1e10)}`,
    businessCode: 'ID_RENEWAL',
    status: 'accepted',
    priority: 'normal',
    clerkId: 'clerk-1',
    acceptedAt: NOW,
    applicant: {
      name: '张三',
      idNumber: '110105199003071239',
      mobile: '13800138000',
      birthDate: '19900307',
    },
    delivery: { method: 'mail' },
    recipient: {
      name: '张三',
      mobile: '13800138000',
      address: {
        divisionCode: '140106',
        province: '山西省',
        city: '太原市',
        county: '迎泽区',
        detail: '迎泽大街1号3单元502室',
      },
    },
    display: { applicantName: '张*', idNumber: '110105********1239', mobile: '138******00' },
    ...overrides,
    _deleted: false,
  };
}

export function eventDoc(
  stationId: string,
  applicationId: string,
  overrides: Partial<EventDoc> = {},
): EventDoc & { _deleted: boolean } {
  return {
    id: ulid(),
    stationId,
    deviceId: 'device-under-test',
    createdAt: NOW,
    updatedAt: NOW,
    applicationId,
    type: 'accepted',
    at: NOW,
    staffId: 'clerk-1',
    ...overrides,
    _deleted: false,
  };
}

export function waybillDoc(
  stationId: string,
  waybillNo: string,
  overrides: Partial<WaybillDoc> = {},
): WaybillDoc & { _deleted: boolean } {
  return {
    id: ulid(),
    stationId,
    deviceId: 'device-under-test',
    createdAt: NOW,
    updatedAt: NOW,
    applicationId: ulid(),
    waybillNo,
    labelKind: 'ems100x150',
    state: 'allocated',
    printCount: 0,
    ...overrides,
    _deleted: false,
  };
}
