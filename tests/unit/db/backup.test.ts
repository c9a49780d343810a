import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result.ts';
import { insertApplication } from '../../../renderer/db/applications.ts';
import {
  backupNow,
  base64ToBytes,
  prepareForUpdate,
  restoreFrom,
  type BackupSink,
} from '../../../renderer/db/backup.ts';
import { findApplicationsByIdNumber } from '../../../renderer/db/lookups.ts';
import { createNumberPool } from '../../../renderer/db/number-pool.ts';
import { mediaBytes, storeMedia } from '../../../renderer/sync/media-queue.ts';
import {
  T0,
  fakeDexieStorage,
  fakeIndexedDb,
  makeApplication,
  openTestDatabase,
  testKeys,
  uniqueName,
} from './fixtures.ts';

function memorySink() {
  const saved: { reason: string; data: string; note?: string }[] = [];
  const sink: BackupSink = {
    async save(request) {
      saved.push(request);
      return ok({ id: `b${saved.length}` });
    },
  };
  return { sink, saved };
}

async function wipeIndexedDb(): Promise<void> {
  const all = await fakeIndexedDb.indexedDB.databases();
  await Promise.all(
    all.map(
      (d) =>
        new Promise<void>((resolve, reject) => {
          const request = fakeIndexedDb.indexedDB.deleteDatabase(String(d.name));
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error);
        }),
    ),
  );
}

describe('backup and restore', () => {
  it('restores everything after the IndexedDB was wiped', async () => {
    const name = uniqueName();
    const keys = testKeys();
    const options = { name, ...keys, storage: fakeDexieStorage() };
    const store = await openTestDatabase(options);
    const apps = [makeApplication(), makeApplication(), makeApplication()];
    for (const app of apps) await insertApplication(store, app);
    const deleted = await store.db.applications.findOne(apps[2]?.id).exec();
    await deleted?.remove();
    const photo = new Uint8Array(4096).map((_, i) => (i * 7) % 251);
    await storeMedia(
      store.db.media,
      {
        id: apps[0]!.id.replace(/.$/, 'M'),
        stationId: 'S001',
        deviceId: 'device-a',
        createdAt: T0,
        updatedAt: T0,
        kind: 'portrait',
        mime: 'image/jpeg',
        applicationId: apps[0]!.id,
      },
      new Blob([photo], { type: 'image/jpeg' }),
    );
    const pool = createNumberPool({ store, stationId: 'S001' });
    await pool.addBlock({ id: 'B1', serviceIndicator: 'EA', firstSerial: 100, count: 2 });
    await pool.takeNumber();
    await pool.allocateWaybill({ id: apps[1]!.id, stationId: 'S001' }, 'ems100x150');
    const pending = await pool.allocateWaybill(
      { id: apps[0]!.id, stationId: 'S001' },
      'ems100x150',
    );
    expect(pending.ok && pending.value.kind).toBe('pending_print');

    const { sink, saved } = memorySink();
    const result = await backupNow(store, sink);
    expect(result.ok).toBe(true);
    expect(saved[0]?.reason).toBe('manual');
    // The sealed blob holds no plaintext personal data.
    const sealed = base64ToBytes(saved[0]!.data);
    const text = new TextDecoder('latin1').decode(sealed);
    expect(text).not.toContain(apps[0]!.applicant.idNumber);
    expect(text).not.toContain('acceptanceNo');
    await store.close();

    await wipeIndexedDb();
    expect(await fakeIndexedDb.indexedDB.databases()).toEqual([]);

    const fresh = await openTestDatabase(options);
    try {
      expect(await fresh.db.applications.count().exec()).toBe(0);
      const restored = await restoreFrom(fresh, sealed);
      expect(restored.ok).toBe(true);
      expect(await fresh.db.applications.count().exec()).toBe(2);
      const found = await findApplicationsByIdNumber(fresh, apps[1]!.applicant.idNumber);
      expect(found.map((d) => d.id)).toEqual([apps[1]!.id]);
      const media = await fresh.db.media.findOne(apps[0]!.id.replace(/.$/, 'M')).exec();
      const bytes = media ? await mediaBytes(media) : null;
      expect(new Uint8Array((await bytes?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(photo);
      expect(media?.uploadState).toBe('pending');
      const freshPool = createNumberPool({ store: fresh, stationId: 'S001' });
      expect(await freshPool.remaining()).toBe(0);
      expect(await fresh.db.waybills.count().exec()).toBe(1);
      expect((await freshPool.pendingRequests()).map((r) => r.applicationId)).toEqual([
        apps[0]!.id,
      ]);
      // Restoring twice is refused: only into an empty database.
      const again = await restoreFrom(fresh, sealed);
      expect(!again.ok && again.error.code).toBe('RESTORE_NOT_EMPTY');
    } finally {
      await fresh.close();
    }
  });

  it('refuses a backup sealed under another database key, and damaged files', async () => {
    const store = await openTestDatabase({ collections: ['numberBlocks'] });
    const { sink, saved } = memorySink();
    await prepareForUpdate(store, sink);
    expect(saved[0]?.reason).toBe('pre-update');
    const sealed = base64ToBytes(saved[0]!.data);
    await store.close();
    const other = await openTestDatabase({ collections: ['numberBlocks'], ...testKeys() });
    try {
      const wrongKey = await restoreFrom(other, sealed);
      expect(!wrongKey.ok && wrongKey.error.code).toBe('BACKUP_KEY');
      const garbage = await restoreFrom(other, new Uint8Array([1, 2, 3]));
      expect(!garbage.ok && garbage.error.code).toBe('BACKUP_FORMAT');
    } finally {
      await other.close();
    }
  });
});
