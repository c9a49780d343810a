// Synthetic test data (no real person) and database helpers for data-layer tests.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { ulid } from 'ulid';
import { residentIdCheckChar } from '../../../shared/validation/residentId.ts';
import type { ApplicationInput } from '../../../renderer/db/applications.ts';
import {
  createWaypostDatabase,
  type CreateWaypostDatabaseOptions,
} from '../../../renderer/db/database.ts';
import type { CollectionName } from '../../../renderer/db/collections.ts';
import { randomKey } from '../../../renderer/db/keys.ts';
import { dexieStorage } from '../../../renderer/db/storage.ts';

export const T0 = Date.UTC(2026, 0, 5, 9, 30);

/** A valid synthetic resident ID number (Taiyuan area code, 1990 birth year, serial n). */
export function syntheticIdNumber(n: number): string {
  const first17 = `140106199003${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export function syntheticMobile(n: number): string {
  return `139${String(n).padStart(8, '0')}`;
}

let counter = 0;

export function makeApplication(overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  counter += 1;
  const n = counter;
  const now = overrides.createdAt ?? T0 + n;
  return {
    id: ulid(now),
    stationId: 'S001',
    deviceId: 'device-a',
    createdAt: now,
    updatedAt: now,
    acceptanceNo: `SL${String(n).padStart(8, '0')}`,
    businessCode: 'ID_RENEWAL',
    status: 'accepted',
    priority: 'normal',
    clerkId: 'clerk-1',
    acceptedAt: now,
    applicant: {
      name: '张测试',
      idNumber: syntheticIdNumber(n),
      mobile: syntheticMobile(n),
      birthDate: '19900307',
    },
    delivery: { method: 'mail' },
    recipient: {
      name: '李收件',
      mobile: syntheticMobile(50_000_000 + n),
      address: { divisionCode: '140106', detail: '坞城路 1 号 2 单元 301 室' },
    },
    ...overrides,
  };
}

export const fakeIndexedDb = { indexedDB, IDBKeyRange };

export function fakeDexieStorage() {
  return dexieStorage({ indexedDB, IDBKeyRange });
}

export function testKeys() {
  return { databaseKey: randomKey(), blindIndexKey: randomKey() };
}

let dbCounter = 0;
export function uniqueName(prefix = 'waypost-test'): string {
  dbCounter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${dbCounter}`;
}

export function openTestDatabase<K extends CollectionName = CollectionName>(
  options: Partial<CreateWaypostDatabaseOptions<K>> = {},
) {
  return createWaypostDatabase<K>({
    name: uniqueName(),
    storage: getRxStorageMemory(),
    devMode: true,
    ...testKeys(),
    ...options,
  });
}
