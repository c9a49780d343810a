// Sync clients for integration tests: a real RxDB database per client, the real replication
// client, the real server. "Offline" is a fetch that fails like a pulled network cable.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { CollectionName } from '../../../renderer/db/collections.ts';
import { createWaypostDatabase, type WaypostDataStore } from '../../../renderer/db/database.ts';
import { randomKey } from '../../../renderer/db/keys.ts';
import {
  startSync,
  type SyncEngine,
  type StartSyncOptions,
} from '../../../renderer/sync/replication.ts';
import {
  createSyncStatusStore,
  type SyncStatusStore,
} from '../../../renderer/stores/sync-status.ts';
import { uniqueName } from '../../unit/db/fixtures.ts';

export interface TestClient<K extends CollectionName> {
  store: WaypostDataStore<K>;
  engine: SyncEngine;
  status: SyncStatusStore;
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

export interface ClientSession {
  accessToken: string;
  refreshToken: string;
  deviceId: string;
}

/** A fetch that can be switched off: requests then fail as with no network. */
export function switchableFetch(base: typeof fetch = fetch) {
  let offline = false;
  const wrapped: typeof fetch = (input, init) =>
    offline ? Promise.reject(new TypeError('fetch failed')) : base(input, init);
  return { fetch: wrapped, setOffline: (value: boolean) => void (offline = value) };
}

export async function openClient<K extends CollectionName>(input: {
  baseUrl: string;
  session: ClientSession;
  collections: readonly K[];
  now?: () => number;
  sync?: Partial<StartSyncOptions<K>>;
}): Promise<TestClient<K>> {
  const store = await createWaypostDatabase<K>({
    name: uniqueName('client'),
    storage: getRxStorageMemory(),
    databaseKey: randomKey(),
    blindIndexKey: randomKey(),
    devMode: true,
    collections: input.collections,
    deviceId: input.session.deviceId,
    ...(input.now ? { now: input.now } : {}),
  });
  const network = switchableFetch(input.sync?.fetch);
  const status = createSyncStatusStore();
  const engine = await startSync({
    store,
    baseUrl: input.baseUrl,
    tokens: { accessToken: input.session.accessToken, refreshToken: input.session.refreshToken },
    deviceId: input.session.deviceId,
    status,
    events: null,
    backoff: { baseMs: 50, maxMs: 1_000 },
    probeIntervalMs: 200,
    pollIntervalMs: 1_000,
    ...input.sync,
    fetch: network.fetch,
  });
  return {
    store,
    engine,
    status,
    setOffline: network.setOffline,
    async close() {
      await engine.stop();
      await store.close();
    },
  };
}

export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
