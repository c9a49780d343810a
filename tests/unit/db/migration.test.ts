// One test per schema version bump: data written under the old version migrates.
import { describe, expect, it } from 'vitest';
import { createRxDatabase } from 'rxdb';
import { importStorageKey } from '../../../renderer/db/encryption/aes-gcm.ts';
import { wrappedWebCryptoEncryptionStorage } from '../../../renderer/db/encryption/webcrypto-storage.ts';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import {
  applicationClientSchema,
  applicationClientSchemaV0,
  newestFirstKey,
} from '../../../renderer/db/schemas/application.schema.ts';
import { COLLECTION_NAMES, clientSchemas } from '../../../renderer/db/collections.ts';
import { migrationStrategiesFor } from '../../../renderer/db/derived-fields.ts';
import { toHex } from '../../../renderer/db/keys.ts';
import {
  findApplicationsByIdNumber,
  findApplicationsByMobileLast4,
  findNewestApplications,
} from '../../../renderer/db/lookups.ts';
import {
  fakeDexieStorage,
  makeApplication,
  openTestDatabase,
  testKeys,
  uniqueName,
} from './fixtures.ts';

describe('schema migrations', () => {
  it('every client schema version above 0 has a migration strategy', async () => {
    const store = await openTestDatabase({ collections: ['numberBlocks'] });
    try {
      for (const name of COLLECTION_NAMES) {
        const strategies = migrationStrategiesFor(name, store.blindIndexer);
        const versions = Object.keys(strategies)
          .map(Number)
          .sort((a, b) => a - b);
        const expected = Array.from({ length: clientSchemas[name].version }, (_, i) => i + 1);
        expect(versions, name).toEqual(expected);
      }
      expect(applicationClientSchema.version).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('applications v0 → v2 adds blind indexes, last-4 fields and the newest-first key to existing data', async () => {
    const name = uniqueName();
    const storage = fakeDexieStorage();
    const keys = testKeys();
    const v0 = await createRxDatabase({
      name,
      storage: wrappedValidateAjvStorage({
        storage: wrappedWebCryptoEncryptionStorage({
          storage,
          key: await importStorageKey(keys.databaseKey),
        }),
      }),
      password: toHex(keys.databaseKey),
      multiInstance: false,
      localDocuments: true,
    });
    const { applications } = await v0.addCollections({
      applications: { schema: applicationClientSchemaV0 },
    });
    const old = makeApplication();
    await applications.insert({
      ...old,
      display: { applicantName: '张**', idNumber: '140106********0001' },
    });
    await v0.close();

    const store = await openTestDatabase({
      name,
      storage,
      ...keys,
      collections: ['applications', 'waybills', 'conflicts', 'syncIssues'],
    });
    try {
      const found = await findApplicationsByIdNumber(store, old.applicant.idNumber);
      expect(found.map((d) => d.id)).toEqual([old.id]);
      expect(found[0]?.blindMobile).toMatch(/^[0-9a-f]{64}$/);
      expect(found[0]?.acceptanceNo).toBe(old.acceptanceNo);
      expect(found[0]?.newestFirst).toBe(newestFirstKey(old.acceptedAt));
      expect((await findNewestApplications(store, 1)).map((d) => d.id)).toEqual([old.id]);
      const byLast4 = await findApplicationsByMobileLast4(
        store,
        (old.recipient?.mobile ?? '').slice(-4),
      );
      expect(byLast4.map((d) => d.id)).toEqual([old.id]);
    } finally {
      await store.close();
    }
  });
});
