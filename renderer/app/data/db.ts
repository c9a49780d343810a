// Opens the device's database once, with keys from the host's key storage.
import { createWaypostDatabase, type WaypostDataStore } from '../../db/database.ts';
import { keyFromBase64 } from '../../db/keys.ts';
import { dexieStorage } from '../../db/storage.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { call } from './host.ts';

let opening: Promise<Result<WaypostDataStore>> | null = null;
let store: WaypostDataStore | null = null;

export function openDatabase(deviceId: string): Promise<Result<WaypostDataStore>> {
  if (opening) return opening;
  opening = (async () => {
    const [dbKey, indexKey] = await Promise.all([
      call((h) => h.keys.databaseKey()),
      call((h) => h.keys.blindIndexKey()),
    ]);
    if (!dbKey.ok) return dbKey;
    if (!indexKey.ok) return indexKey;
    try {
      store = await createWaypostDatabase({
        name: 'waypost',
        storage: dexieStorage(),
        databaseKey: keyFromBase64(dbKey.value.key),
        blindIndexKey: keyFromBase64(indexKey.value.key),
        multiInstance: true,
        deviceId,
        devMode: import.meta.env.DEV,
      });
      return ok(store);
    } catch (error) {
      opening = null;
      return fail(
        'DB_OPEN_FAILED',
        '本机数据库无法打开，请重新启动程序；如仍失败请联系技术支持',
        `The local database could not be opened: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  })();
  return opening;
}

/** The open database; screens only run after start-up opened it. */
export function data(): WaypostDataStore {
  if (!store) throw new Error('database not open');
  return store;
}

export function databaseOpen(): boolean {
  return store !== null;
}
