// Measures push and pull throughput of the sync client by batch size, against the real server
// (in-process, PGlite) with the production client path (Dexie on fake-indexeddb, z-schema, no
// dev-mode). Run: npx tsx tests/integration/sync-client/measure-batches.ts [docs]
// The numbers go into docs/DATA.md; DEFAULT_PUSH/PULL_BATCH_SIZE follow from them.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { loginAs, startTestServer } from '../../support/server-app.ts';
import { withDerivedFields } from '../../../renderer/db/applications.ts';
import { createWaypostDatabase } from '../../../renderer/db/database.ts';
import { randomKey } from '../../../renderer/db/keys.ts';
import { dexieStorage } from '../../../renderer/db/storage.ts';
import { startSync } from '../../../renderer/sync/replication.ts';
import { createSyncStatusStore } from '../../../renderer/stores/sync-status.ts';
import { makeApplication } from '../../unit/db/fixtures.ts';
import { stopServer, switchableFetch, waitFor } from './clients.ts';

const DOCS = Number(process.argv[2] ?? 2000);
const SIZES = [100, 500, 1000, 2000];
const collections = ['applications', 'conflicts', 'syncIssues'] as const;

async function openStore(name: string) {
  return createWaypostDatabase({
    name,
    storage: dexieStorage({ indexedDB, IDBKeyRange }),
    databaseKey: randomKey(),
    blindIndexKey: randomKey(),
    collections,
    validation: 'z-schema',
  });
}

async function measure(size: number): Promise<{ push: number; pull: number }> {
  const server = await startTestServer({ listen: true });
  try {
    const writer = await loginAs(server, { stationId: 'S001' });
    const reader = await loginAs(server, { stationId: 'S001' });
    const store = await openStore(`measure-push-${size}-${Date.now()}`);
    const network = switchableFetch();
    network.setOffline(true);
    const status = createSyncStatusStore();
    const engine = await startSync({
      store,
      baseUrl: server.baseUrl!,
      tokens: writer,
      deviceId: writer.deviceId,
      status,
      events: null,
      fetch: network.fetch,
      pushBatchSize: size,
      probeIntervalMs: 100,
      streamCollections: [],
    });
    const docs = await Promise.all(
      Array.from({ length: DOCS }, () => withDerivedFields(store, makeApplication())),
    );
    await store.db.applications.bulkInsert(docs); // one bulk insert, written offline
    const pushStart = performance.now();
    network.setOffline(false);
    await waitFor(async () => {
      const { rows } = await server.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM documents WHERE collection = 'applications'`,
      );
      return Number(rows[0]?.n) >= DOCS;
    }, 600_000);
    const push = DOCS / ((performance.now() - pushStart) / 1000);
    await engine.stop();
    await store.close();

    const fresh = await openStore(`measure-pull-${size}-${Date.now()}`);
    const pullStart = performance.now();
    const puller = await startSync({
      store: fresh,
      baseUrl: server.baseUrl!,
      tokens: reader,
      deviceId: reader.deviceId,
      status: createSyncStatusStore(),
      events: null,
      pullBatchSize: size,
      streamCollections: [],
    });
    await waitFor(async () => (await fresh.db.applications.count().exec()) >= DOCS, 600_000);
    const pull = DOCS / ((performance.now() - pullStart) / 1000);
    await puller.stop();
    await fresh.close();
    return { push, pull };
  } finally {
    await stopServer(server);
  }
}

const rows: string[] = [];
for (const size of SIZES) {
  const { push, pull } = await measure(size);
  rows.push(`| ${size} | ${push.toFixed(0)} | ${pull.toFixed(0)} |`);
  process.stderr.write(
    `batch ${size}: push ${push.toFixed(0)} docs/s, pull ${pull.toFixed(0)} docs/s\n`,
  );
}
process.stdout.write(
  `${DOCS} applications, one bulk insert; docs/s\n| batch | push | pull |\n|---|---|---|\n${rows.join('\n')}\n`,
);
process.exit(0);
