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
  keys?: { databaseKey: Uint8Array; blindIndexKey: Uint8Array };
  /** Runs on the new database before sync starts (e.g. a restore). */
  beforeSync?: (store: WaypostDataStore<K>) => Promise<void>;
}): Promise<TestClient<K>> {
  const store = await createWaypostDatabase<K>({
    name: uniqueName('client'),
    storage: getRxStorageMemory(),
    databaseKey: input.keys?.databaseKey ?? randomKey(),
    blindIndexKey: input.keys?.blindIndexKey ?? randomKey(),
    devMode: true,
    collections: input.collections,
    deviceId: input.session.deviceId,
    ...(input.now ? { now: input.now } : {}),
  });
  await input.beforeSync?.(store);
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

/**
 * Stops a test server. Requests a client aborted at shutdown can leave half-read sockets
 * that Node's server would wait out (headersTimeout, 60 s); close them instead.
 */
export async function stopServer(server: {
  app: { server: { closeAllConnections(): void } };
  close(): Promise<void>;
}): Promise<void> {
  const closing = server.close();
  server.app.server.closeAllConnections();
  await closing;
}
