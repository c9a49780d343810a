// Harness entry: builds window.waypostBench from the benchmark modules.
import type { HarnessApi } from './api.ts';
import { setPhoto } from './photo.ts';
import {
  closeLocal,
  countLocal,
  intakeSaves,
  openLocal,
  recordsList,
  searches,
  seedLocal,
} from './local.ts';
import {
  closeDexieFloor,
  dexieBulkWrite,
  dexieIntakeSaves,
  dexieSearches,
  openDexieFloor,
  seedDexieFloor,
} from './dexie-floor.ts';
import { prepareOutbox, syncCatchUp, syncPull, syncPush } from './sync.ts';
import { pouchDestroy, pouchPrepare, pouchPull, pouchPush } from './pouch.ts';

async function wipe(): Promise<void> {
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.map(
      (d) =>
        new Promise<void>((resolve) => {
          if (!d.name) return resolve();
          const request = indexedDB.deleteDatabase(d.name);
          request.onsuccess = () => resolve();
          request.onerror = () => resolve();
          request.onblocked = () => resolve();
        }),
    ),
  );
}

const api: HarnessApi = {
  setPhoto,
  openLocal,
  closeLocal,
  seedLocal,
  countLocal,
  intakeSaves,
  searches,
  recordsList,
  openDexieFloor,
  closeDexieFloor,
  seedDexieFloor,
  dexieIntakeSaves,
  dexieSearches,
  dexieBulkWrite,
  prepareOutbox,
  syncPush,
  syncPull,
  syncCatchUp,
  pouchPrepare,
  pouchPush,
  pouchPull,
  pouchDestroy,
  wipe,
};

window.waypostBench = api;
const status = document.getElementById('status');
if (status) status.textContent = 'ready';
