// The Waypost client database: RxDB with injected storage, personal data encrypted at rest,
// blind indexes computed on every local write, domain conflict handlers on synced collections.
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollectionCreator,
  type RxConflictHandler,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { wrappedValidateJsonSchemaStorage } from './validation.ts';
import { isSyncedCollection, type SyncedCollection } from '../../shared/sync/collections.ts';
import { createConflictHandler, type LosingVersion } from '../sync/conflict-handler.ts';
import { createBlindIndexer, type BlindIndexer } from './blind-index.ts';
import {
  COLLECTION_NAMES,
  clientSchemas,
  type CollectionName,
  type WaypostDatabase,
} from './collections.ts';
import { assertKey, toHex } from './keys.ts';
import { importStorageKey } from './encryption/aes-gcm.ts';
import { wrappedWebCryptoEncryptionStorage } from './encryption/webcrypto-storage.ts';
import { conflictRecordId } from './ids.ts';
import {
  CLIENT_ONLY_FIELDS,
  applyApplicationDerivedFields,
  applyApplicationLookupFields,
  migrationStrategiesFor,
} from './derived-fields.ts';

export type Validation = 'json-schema' | 'z-schema' | 'none';

export interface CreateWaypostDatabaseOptions<K extends CollectionName> {
  /** IndexedDB name prefix; one database per data directory / profile. */
  name: string;
  /** The raw storage (dexieStorage() in production); encryption and validation are added here. */
  storage: RxStorage<unknown, unknown>;
  /** 32 random bytes from the host's key storage: encrypts documents and backups. */
  databaseKey: Uint8Array;
  /** 32 random bytes from the host's key storage: keys the blind indexes. */
  blindIndexKey: Uint8Array;
  /** RxDB dev-mode + AJV validation; only honoured in development builds and tests. */
  devMode?: boolean;
  /** Two app windows on one IndexedDB share change events (BroadcastChannel). */
  multiInstance?: boolean;
  /**
   * Open only these collections (tools and tests: RxDB open source allows ~13 open
   * collections per JavaScript realm, so two full databases cannot share one process).
   */
  collections?: readonly K[];
  /**
   * Production validation is 'json-schema' (@cfworker/json-schema, see validation.ts);
   * 'z-schema' (RxDB's plugin, 20× slower) stays for comparison; 'none' skips validation.
   * Dev-mode always validates with AJV.
   */
  validation?: Validation;
  /** Clock for written timestamps (tests move it); defaults to Date.now. */
  now?: () => number;
  /** The device's id for records the data layer writes itself (conflicts, audit). */
  deviceId?: string;
  /** Dev-mode only: a second instance on the same storage, like a second app window. */
  ignoreDuplicate?: boolean;
}

/** Mutable facts the data layer needs while running (set by login / replication start). */
export interface DataContext {
  now: () => number;
  deviceId: string;
}

export interface WaypostDataStore<K extends CollectionName = CollectionName> {
  readonly db: WaypostDatabase<K>;
  readonly blindIndexer: BlindIndexer;
  readonly databaseKey: Uint8Array;
  readonly context: DataContext;
  readonly collectionNames: readonly K[];
  close(): Promise<void>;
}

let pluginsAdded = false;
function addPlugins(): void {
  if (pluginsAdded) return;
  addRxPlugin(RxDBMigrationSchemaPlugin);
  addRxPlugin(RxDBLocalDocumentsPlugin);
  addRxPlugin(RxDBAttachmentsPlugin);
  pluginsAdded = true;
}

async function buildStorage(
  storage: RxStorage<unknown, unknown>,
  databaseKey: Uint8Array,
  devMode: boolean,
  validation: Validation,
): Promise<RxStorage<unknown, unknown>> {
  // The AES-GCM key is derived and imported once per database (see encryption/).
  const key = await importStorageKey(databaseKey);
  const encrypted = wrappedWebCryptoEncryptionStorage({ storage, key });
  // Vite replaces import.meta.env.DEV with false in production builds, which removes this
  // branch and the dev-mode chunk entirely. Outside Vite (tsx) import.meta.env is undefined.
  if (devMode && import.meta.env?.DEV) {
    const dev = await import('./dev-mode.ts');
    dev.enableDevMode();
    return dev.withDevValidation(encrypted);
  }
  // Validation wraps encryption, so it sees (and checks) the decrypted document.
  switch (validation) {
    case 'json-schema':
      return wrappedValidateJsonSchemaStorage({ storage: encrypted });
    case 'z-schema':
      return wrappedValidateZSchemaStorage({ storage: encrypted });
    case 'none':
      return encrypted;
  }
}

export async function createWaypostDatabase<K extends CollectionName = CollectionName>(
  options: CreateWaypostDatabaseOptions<K>,
): Promise<WaypostDataStore<K>> {
  assertKey(options.databaseKey, 'databaseKey');
  const names = (options.collections ?? COLLECTION_NAMES) as readonly K[];
  const syncsSomething = names.some((n) => isSyncedCollection(n));
  for (const needed of ['conflicts', 'syncIssues'] as const) {
    // Losing versions of resolved conflicts and refused records must have somewhere to go.
    if (syncsSomething && !names.includes(needed as K)) {
      throw new Error(`createWaypostDatabase: synced collections need the ${needed} collection`);
    }
  }
  addPlugins();
  const blindIndexer = await createBlindIndexer(options.blindIndexKey);
  const context: DataContext = {
    now: options.now ?? Date.now,
    deviceId: options.deviceId ?? 'unenrolled',
  };
  const storage = await buildStorage(
    options.storage,
    options.databaseKey,
    options.devMode ?? false,
    options.validation ?? 'json-schema',
  );
  const db = await createRxDatabase({
    name: options.name,
    storage,
    // Not used to encrypt (the storage wrapper holds the key): RxDB stores a hash of it and
    // refuses to open with a different one (error DB1), so a wrong key fails clearly at open.
    password: toHex(options.databaseKey),
    multiInstance: options.multiInstance ?? false,
    localDocuments: true,
    ignoreDuplicate: options.ignoreDuplicate ?? false,
    // Replication and sync state live in local documents; keep RxDB's cleanup gentle.
    cleanupPolicy: { minimumDeletedTime: 1000 * 60 * 60 * 24 * 31 },
  });

  // Resolved conflicts write their losing version here (deterministic id: idempotent).
  async function recordLosing(version: LosingVersion): Promise<void> {
    const now = context.now();
    const id = await conflictRecordId(version);
    const conflicts = (db.collections as WaypostDatabase['collections']).conflicts;
    const existing = await conflicts.findOne(id).exec();
    if (existing) return;
    await conflicts.insert({
      id,
      stationId: version.stationId,
      deviceId: context.deviceId,
      createdAt: now,
      updatedAt: now,
      collectionName: version.collectionName,
      documentId: version.documentId,
      fields: version.lostFields.slice(0, 100),
      losing: JSON.stringify(version.losing),
      resolvedAt: now,
    });
  }

  const creators: Record<string, RxCollectionCreator> = {};
  for (const name of names) {
    const creator: RxCollectionCreator = {
      schema: clientSchemas[name],
      migrationStrategies: migrationStrategiesFor(name, blindIndexer),
    };
    if (isSyncedCollection(name)) {
      creator.conflictHandler = conflictHandlerFor(name, blindIndexer, recordLosing, (id) =>
        storedDocument(db.collections[name], id),
      );
    }
    creators[name] = creator;
  }
  try {
    // A wrong database key surfaces here (RxDB checks the password hash on first use).
    await db.addCollections(creators);
  } catch (error) {
    await db.close();
    throw error;
  }
  const typed = db as unknown as WaypostDatabase<K>;

  const all = db.collections as unknown as WaypostDatabase['collections'];
  if (names.includes('applications' as K)) {
    const applications = all.applications;
    applications.preInsert(async (data) => {
      await applyApplicationDerivedFields(blindIndexer, data);
    }, false);
    applications.preSave(async (data) => {
      await applyApplicationDerivedFields(blindIndexer, data);
    }, false);
  }

  return {
    db: typed,
    blindIndexer,
    databaseKey: options.databaseKey,
    context,
    collectionNames: names,
    async close() {
      await db.close();
    },
  };
}

/** The document as stored on this device (null when it has none), for conflict resolution. */
async function storedDocument(
  collection: { storageInstance: RxStorageInstance<unknown, unknown, unknown> } | undefined,
  id: string,
): Promise<Record<string, unknown> | null> {
  if (!collection) return null;
  const [stored] = await collection.storageInstance.findDocumentsById([id], false);
  return (stored as Record<string, unknown> | undefined) ?? null;
}

function conflictHandlerFor(
  name: SyncedCollection,
  indexer: BlindIndexer,
  recordLosing: (version: LosingVersion) => Promise<void>,
  readStored: (id: string) => Promise<Record<string, unknown> | null>,
): RxConflictHandler<unknown> {
  const clientFields = CLIENT_ONLY_FIELDS[name];
  return createConflictHandler({
    collection: name,
    clientFields,
    async enrich(doc) {
      const copy = { ...doc };
      if (name === 'applications') {
        await applyApplicationLookupFields(indexer, copy);
        return copy;
      }
      // RxDB hands the resolver the fork's document after the push modifier stripped its
      // client-only fields; a resolution without them (a photo's upload state) would fail
      // validation and retry forever. Take them from the stored document.
      if (clientFields.some((field) => !(field in copy))) {
        const stored = await readStored(String(copy['id']));
        for (const field of clientFields) {
          if (!(field in copy) && stored && field in stored) copy[field] = stored[field];
        }
        if (name === 'media' && !('uploadState' in copy)) copy['uploadState'] = 'remote';
      }
      return copy;
    },
    recordLosing,
  });
}
