// Storages. Production: Dexie on IndexedDB with strict transaction durability (a committed
// write has reached the disk, not just the OS cache: "nothing a clerk saved may be lost").
// Tests inject fake-indexeddb or the memory storage instead.
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';

// Dexie's settings are `DexieOptions` (indexedDB, IDBKeyRange, chromeTransactionDurability...).
type DexieSettings = NonNullable<Parameters<typeof getRxStorageDexie>[0]>;

/** The production storage: IndexedDB through Dexie, every transaction `durability: 'strict'`. */
export function dexieStorage(settings: DexieSettings = {}): ReturnType<typeof getRxStorageDexie> {
  return getRxStorageDexie({ chromeTransactionDurability: 'strict', ...settings });
}

// Validation wraps encryption, so it sees (and checks) the decrypted document.
export function wrapStorage<I, O>(
  storage: RxStorage<I, O>,
  validation: 'z-schema' | 'none',
): RxStorage<I, O> {
  const encrypted = wrappedKeyEncryptionCryptoJsStorage({ storage });
  return validation === 'z-schema'
    ? wrappedValidateZSchemaStorage({ storage: encrypted })
    : encrypted;
}
