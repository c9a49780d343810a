// The data layer in real Chromium, as the production build runs it (no dev-mode, z-schema,
// Dexie with strict durability on the profile's IndexedDB). Tests drive it via window.harness.
import { insertApplication } from '../../../renderer/db/applications.ts';
import { createWaypostDatabase, type WaypostDataStore } from '../../../renderer/db/database.ts';
import { keyFromBase64 } from '../../../renderer/db/keys.ts';
import { dexieStorage } from '../../../renderer/db/storage.ts';
import { ulid } from 'ulid';
import { acceptanceNo, syntheticPerson } from './people.ts';
import { startSync, type SyncEngine } from '../../../renderer/sync/replication.ts';
import { useSyncStatus } from '../../../renderer/stores/sync-status.ts';

declare global {
  interface Window {
    harness: typeof harness;
    /** Exposed by the test: records an acknowledged write in Node. */
    ackWrite?: (id: string) => Promise<void>;
  }
}

let store: WaypostDataStore | null = null;
let engine: SyncEngine | null = null;

function need(): WaypostDataStore {
  if (!store) throw new Error('database not open');
  return store;
}

const harness = {
  async open(input: { databaseKey: string; blindIndexKey: string; deviceId: string }) {
    store = await createWaypostDatabase({
      name: 'harness',
      storage: dexieStorage(),
      databaseKey: keyFromBase64(input.databaseKey),
      blindIndexKey: keyFromBase64(input.blindIndexKey),
      multiInstance: true,
      deviceId: input.deviceId,
    });
    document.querySelector('#state')!.textContent = 'open';
    return true;
  },
  /**
   * Writes `count` applications one after another; each is acknowledged once saved. Name and
   * address come from the test, so the bundle (cached by the browser) never contains them.
   */
  async write(input: {
    from: number;
    count: number;
    stationId: string;
    deviceId: string;
    name: string;
    detail: string;
  }) {
    const s = need();
    for (let n = input.from; n < input.from + input.count; n += 1) {
      const now = Date.now();
      const person = syntheticPerson(n);
      const doc = await insertApplication(s, {
        id: ulid(now),
        stationId: input.stationId,
        deviceId: input.deviceId,
        createdAt: now,
        updatedAt: now,
        acceptanceNo: acceptanceNo(n),
        businessCode: 'ID_RENEWAL',
        status: 'accepted',
        priority: 'normal',
        clerkId: 'clerk-e2e',
        acceptedAt: now,
        applicant: { name: input.name, idNumber: person.idNumber, mobile: person.mobile },
        delivery: { method: 'mail' },
        recipient: {
          name: input.name,
          mobile: person.mobile,
          address: { divisionCode: '140106', detail: input.detail },
        },
      });
      await window.ackWrite?.(doc.id);
    }
  },
  async startSync(input: { accessToken: string; refreshToken: string; deviceId: string }) {
    engine = await startSync({
      store: need(),
      baseUrl: location.origin,
      tokens: { accessToken: input.accessToken, refreshToken: input.refreshToken },
      deviceId: input.deviceId,
      pollIntervalMs: 1_000,
      backoff: { baseMs: 100, maxMs: 1_000 },
    });
    return true;
  },
  async awaitInSync() {
    await engine?.awaitInSync();
    return useSyncStatus.getState().totalPending;
  },
  async ids() {
    const docs = await need().db.applications.find().exec();
    return docs.map((d) => d.id).sort();
  },
  async close() {
    await engine?.stop();
    await store?.close();
    return true;
  },
};

window.harness = harness;
document.querySelector('#state')!.textContent = 'ready';
