// Storages. Production: Dexie on IndexedDB with strict transaction durability (a committed
// write has reached the disk, not just the OS cache: "nothing a clerk saved may be lost").
// Tests inject fake-indexeddb or the memory storage instead.
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';

// Dexie's settings are `DexieOptions` (indexedDB, IDBKeyRange, chromeTransactionDurability...).
type DexieSettings = NonNullable<Parameters<typeof getRxStorageDexie>[0]>;

/** The production storage: IndexedDB through Dexie, every transaction `durability: 'strict'`. */
export function dexieStorage(settings: DexieSettings = {}): ReturnType<typeof getRxStorageDexie> {
  return getRxStorageDexie({ chromeTransactionDurability: 'strict', ...settings });
}
