// A tiny production entry for the bundle test: what the app's renderer does at start-up.
import { createWaypostDatabase } from '../../../renderer/db/database.ts';
import { dexieStorage } from '../../../renderer/db/storage.ts';

export function openProductionDatabase(databaseKey: Uint8Array, blindIndexKey: Uint8Array) {
  return createWaypostDatabase({
    name: 'waypost',
    storage: dexieStorage(),
    databaseKey,
    blindIndexKey,
    devMode: true, // a dev flag left on must still not pull dev-mode into a production build
  });
}
