// Encrypted backup and restore of the whole database: every collection's stored documents
// (deleted ones too, with their revisions and write times), their attachments, the replication
// meta data (so a restored device knows what the server already has and neither re-pushes
// nor overwrites newer server edits), and the local documents. The JSON is sealed with
// AES-256-GCM under the database key; the host only ever stores the sealed bytes.
import {
  addConnectedStorageToCollection,
  getAllCollectionDocuments,
  getChangedDocumentsSince,
  type RxCollection,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageInstance,
} from 'rxdb';
import { getLocalDocStateByParent } from 'rxdb/plugins/local-documents';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { CollectionName } from './collections.ts';
import { clientSchemas } from './collections.ts';
import type { WaypostDataStore } from './database.ts';
import { migrationStrategiesFor } from './derived-fields.ts';
import { bufferOf } from './keys.ts';

export type BackupReason = 'manual' | 'scheduled' | 'pre-update';

/** Where sealed backups go: the host's backup store (host.backup.save). */
export interface BackupSink {
  save(request: {
    reason: BackupReason;
    data: string;
    note?: string;
  }): Promise<Result<{ id: string }>>;
}

const MAGIC = new TextEncoder().encode('WPBK1');
const FORMAT = 'waypost-backup';
const FORMAT_VERSION = 1;

type Raw = Record<string, unknown>;

interface DumpedAttachment {
  type: string;
  digest: string;
  length: number;
  /** base64 */
  data: string;
}

interface DumpedStorage {
  name: string;
  schemaVersion: number;
  docs: Raw[];
}

interface DumpedMeta {
  collection: string;
  name: string;
  schema: RxJsonSchema<Raw>;
  docs: Raw[];
}

interface BackupPayload {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  createdAt: number;
  collections: DumpedStorage[];
  meta: DumpedMeta[];
  local: { id: string; data: unknown }[];
}

// ---- bytes ------------------------------------------------------------------------------

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

async function aesKey(databaseKey: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bufferOf(databaseKey), { name: 'AES-GCM' }, false, [usage]);
}

export async function sealBackup(
  databaseKey: Uint8Array,
  plaintext: Uint8Array,
): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(databaseKey, 'encrypt');
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: bufferOf(MAGIC) },
      key,
      bufferOf(plaintext),
    ),
  );
  const out = new Uint8Array(MAGIC.length + iv.length + sealed.length);
  out.set(MAGIC, 0);
  out.set(iv, MAGIC.length);
  out.set(sealed, MAGIC.length + iv.length);
  return out;
}

export async function openBackup(
  databaseKey: Uint8Array,
  blob: Uint8Array,
): Promise<Result<Uint8Array>> {
  const magicOk = MAGIC.every((b, i) => blob[i] === b);
  if (!magicOk || blob.length < MAGIC.length + 12 + 16) {
    return fail('BACKUP_FORMAT', '这不是警邮通的备份文件', 'Not a Waypost backup file');
  }
  const iv = blob.slice(MAGIC.length, MAGIC.length + 12);
  try {
    const key = await aesKey(databaseKey, 'decrypt');
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: bufferOf(MAGIC) },
      key,
      bufferOf(blob.slice(MAGIC.length + 12)),
    );
    return ok(new Uint8Array(plain));
  } catch {
    return fail(
      'BACKUP_KEY',
      '备份无法解密：它不属于本机的数据库密钥，或文件已损坏',
      'The backup cannot be decrypted: another database key, or the file is damaged',
    );
  }
}

// ---- dump -------------------------------------------------------------------------------

async function allDocs(
  instance: RxStorageInstance<Raw, unknown, unknown>,
): Promise<RxDocumentData<Raw>[]> {
  const out: RxDocumentData<Raw>[] = [];
  let checkpoint: unknown;
  for (;;) {
    const page = await getChangedDocumentsSince(instance, 500, checkpoint);
    out.push(...page.documents);
    if (page.documents.length < 500) return out;
    checkpoint = page.checkpoint;
  }
}

async function dumpDoc(
  instance: RxStorageInstance<Raw, unknown, unknown>,
  primary: string,
  doc: RxDocumentData<Raw>,
): Promise<Raw> {
  const attachments: Record<string, DumpedAttachment> = {};
  for (const [id, stub] of Object.entries(doc._attachments ?? {})) {
    const data = await instance.getAttachmentData(String(doc[primary]), id, stub.digest);
    attachments[id] = {
      type: stub.type,
      digest: stub.digest,
      length: stub.length,
      data: bytesToBase64(new Uint8Array(await data.arrayBuffer())),
    };
  }
  return { ...doc, _attachments: attachments };
}

type AnyCollection = RxCollection<Raw>;

function collectionsOf<K extends CollectionName>(store: WaypostDataStore<K>): [K, AnyCollection][] {
  const all = store.db.collections as unknown as Record<string, AnyCollection>;
  return store.collectionNames.flatMap((name) => {
    const c = all[name];
    return c ? [[name, c] as [K, AnyCollection]] : [];
  });
}

async function openMetaInstance<K extends CollectionName>(
  store: WaypostDataStore<K>,
  name: string,
  schema: RxJsonSchema<Raw>,
): Promise<RxStorageInstance<Raw, unknown, unknown>> {
  const db = store.db;
  return db.storage.createStorageInstance<Raw>({
    databaseName: db.name,
    collectionName: name,
    databaseInstanceToken: db.token,
    multiInstance: db.multiInstance,
    options: {},
    schema,
    password: db.password,
    devMode: false,
  });
}

export async function exportDatabase<K extends CollectionName>(
  store: WaypostDataStore<K>,
): Promise<BackupPayload> {
  const collections: DumpedStorage[] = [];
  const meta: DumpedMeta[] = [];
  const internal = await getAllCollectionDocuments(store.db.internalStore);
  for (const [name, collection] of collectionsOf(store)) {
    const instance = collection.storageInstance as unknown as RxStorageInstance<
      Raw,
      unknown,
      unknown
    >;
    const primary = collection.schema.primaryPath;
    const docs = await allDocs(instance);
    collections.push({
      name,
      schemaVersion: collection.schema.version,
      docs: await Promise.all(docs.map((d) => dumpDoc(instance, primary, d))),
    });
    const record = internal.find(
      (d) => d.data.name === name && d.data.version === collection.schema.version,
    );
    for (const connected of record?.data.connectedStorages ?? []) {
      const metaInstance = await openMetaInstance(
        store,
        connected.collectionName,
        connected.schema,
      );
      try {
        const metaDocs = await allDocs(metaInstance);
        meta.push({
          collection: name,
          name: connected.collectionName,
          schema: connected.schema,
          docs: metaDocs.map((d) => ({ ...d, _attachments: {} })),
        });
      } finally {
        await metaInstance.close();
      }
    }
  }
  const localState = await getLocalDocStateByParent(
    store.db as unknown as Parameters<typeof getLocalDocStateByParent>[0],
  );
  const localDocs = await allDocs(
    localState.storageInstance as unknown as RxStorageInstance<Raw, unknown, unknown>,
  );
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    createdAt: store.context.now(),
    collections,
    meta,
    local: localDocs
      .filter((d) => !d._deleted)
      .map((d) => ({ id: String(d['id']), data: d['data'] })),
  };
}

export async function createBackup<K extends CollectionName>(
  store: WaypostDataStore<K>,
): Promise<Uint8Array> {
  const payload = await exportDatabase(store);
  return sealBackup(store.databaseKey, new TextEncoder().encode(JSON.stringify(payload)));
}

export async function backupNow<K extends CollectionName>(
  store: WaypostDataStore<K>,
  sink: BackupSink,
  reason: BackupReason = 'manual',
): Promise<Result<{ id: string; bytes: number }>> {
  let sealed: Uint8Array;
  try {
    sealed = await createBackup(store);
  } catch {
    return fail(
      'BACKUP_FAILED',
      '备份失败：无法读取本机数据库',
      'Backup failed: the local database could not be read',
    );
  }
  const saved = await sink.save({
    reason,
    data: bytesToBase64(sealed),
    note: `${FORMAT} v${FORMAT_VERSION}`,
  });
  return saved.ok ? ok({ id: saved.value.id, bytes: sealed.length }) : saved;
}

/**
 * Before an app update: let sync finish what it can (bounded), then take a backup. The host
 * installs the update only with the returned backup id.
 */
export async function prepareForUpdate<K extends CollectionName>(
  store: WaypostDataStore<K>,
  sink: BackupSink,
  options: { sync?: { awaitInSync(): Promise<void> }; timeoutMs?: number } = {},
): Promise<Result<{ id: string; bytes: number }>> {
  if (options.sync) {
    const timeout = new Promise<void>((resolve) =>
      setTimeout(resolve, options.timeoutMs ?? 15_000),
    );
    await Promise.race([options.sync.awaitInSync().catch(() => undefined), timeout]);
  }
  return backupNow(store, sink, 'pre-update');
}

// ---- restore ----------------------------------------------------------------------------

function isPayload(value: unknown): value is BackupPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    'format' in value &&
    value.format === FORMAT &&
    'version' in value &&
    value.version === FORMAT_VERSION &&
    'collections' in value &&
    Array.isArray(value.collections)
  );
}

async function isEmpty(instance: RxStorageInstance<Raw, unknown, unknown>): Promise<boolean> {
  const page = await getChangedDocumentsSince(instance, 1, undefined);
  return page.documents.length === 0;
}

async function toWriteDoc(
  doc: Raw,
  hash: (blob: Blob) => Promise<string>,
): Promise<RxDocumentData<Raw>> {
  const attachments: Record<string, { type: string; digest: string; length: number; data: Blob }> =
    {};
  const dumped = (doc['_attachments'] ?? {}) as Record<string, DumpedAttachment>;
  for (const [id, att] of Object.entries(dumped)) {
    const data = new Blob([bufferOf(base64ToBytes(att.data))], { type: att.type });
    attachments[id] = {
      type: att.type,
      digest: att.digest || (await hash(data)),
      length: data.size,
      data,
    };
  }
  // The dump holds stored documents verbatim (_meta, _rev, _deleted) plus attachment data.
  return { ...doc, _attachments: attachments } as unknown as RxDocumentData<Raw>;
}

/** Migrates documents dumped under an older schema version, with the live strategies. */
async function migrate<K extends CollectionName>(
  store: WaypostDataStore<K>,
  name: K,
  from: number,
  doc: Raw,
): Promise<Raw | null> {
  const to = clientSchemas[name].version;
  const strategies = migrationStrategiesFor(name, store.blindIndexer);
  let current: Raw | null = doc;
  for (let v = from + 1; v <= to && current; v += 1) {
    const step = strategies[v];
    if (!step) throw new Error(`no migration to ${name} v${v}`);
    current = (await step(current, undefined as never)) as Raw | null;
  }
  return current;
}

/** Restores a sealed backup into this (empty) database. */
export async function restoreFrom<K extends CollectionName>(
  store: WaypostDataStore<K>,
  blob: Uint8Array,
): Promise<Result<{ documents: number }>> {
  const opened = await openBackup(store.databaseKey, blob);
  if (!opened.ok) return opened;
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(opened.value));
  } catch {
    payload = null;
  }
  if (!isPayload(payload)) {
    return fail('BACKUP_FORMAT', '备份文件格式不受支持', 'Unsupported backup format');
  }
  const targets = new Map(collectionsOf(store));
  for (const collection of targets.values()) {
    if (
      !(await isEmpty(
        collection.storageInstance as unknown as RxStorageInstance<Raw, unknown, unknown>,
      ))
    ) {
      return fail(
        'RESTORE_NOT_EMPTY',
        '只能恢复到空数据库：本机已有数据',
        'A backup can only be restored into an empty database',
      );
    }
  }
  const hash = (blob: Blob) => store.db.hashFunction(blob);
  let documents = 0;
  for (const dumped of payload.collections) {
    const collection = targets.get(dumped.name as K);
    if (!collection) continue;
    const migrated = dumped.schemaVersion !== collection.schema.version;
    const rows = [];
    for (const doc of dumped.docs) {
      const ready = migrated
        ? await migrate(store, dumped.name as K, dumped.schemaVersion, doc)
        : doc;
      if (ready) rows.push({ document: await toWriteDoc(ready, hash) });
    }
    for (let i = 0; i < rows.length; i += 200) {
      const result = await collection.storageInstance.bulkWrite(
        rows.slice(i, i + 200),
        'waypost-restore',
      );
      if (result.error.length > 0) {
        return fail(
          'RESTORE_FAILED',
          '恢复失败：备份中的记录无法写入',
          'Restore failed: records could not be written',
        );
      }
    }
    documents += rows.length;
  }
  // Replication state only fits documents restored unchanged (same schema version).
  for (const meta of payload.meta) {
    const collection = targets.get(meta.collection as K);
    const dumped = payload.collections.find((c) => c.name === meta.collection);
    if (!collection || !dumped || dumped.schemaVersion !== collection.schema.version) continue;
    const instance = await openMetaInstance(store, meta.name, meta.schema);
    try {
      for (let i = 0; i < meta.docs.length; i += 200) {
        const rows = meta.docs
          .slice(i, i + 200)
          .map((d) => ({ document: d as RxDocumentData<Raw> }));
        await instance.bulkWrite(rows, 'waypost-restore-meta');
      }
    } finally {
      await instance.close();
    }
    await addConnectedStorageToCollection(collection, meta.name, meta.schema);
  }
  for (const local of payload.local) {
    await store.db.upsertLocal(local.id, local.data);
  }
  return ok({ documents });
}
