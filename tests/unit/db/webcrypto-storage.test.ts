// The AES-GCM storage wrapper on RxDB's memory storage: round trip, nothing readable in the
// stored form, tampering and a wrong key fail clearly, attachments sealed too.
import { afterEach, describe, expect, it } from 'vitest';
import {
  addRxPlugin,
  createRxDatabase,
  fillWithDefaultSettings,
  type RxDatabase,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { importStorageKey } from '../../../renderer/db/encryption/aes-gcm.ts';
import {
  StorageDecryptionError,
  storageSchemaOf,
  wrappedWebCryptoEncryptionStorage,
} from '../../../renderer/db/encryption/webcrypto-storage.ts';
import { randomKey, toHex } from '../../../renderer/db/keys.ts';

addRxPlugin(RxDBAttachmentsPlugin);

interface Person {
  id: string;
  station: string;
  person: { name: string; idNumber: string };
  note?: string;
}

const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    station: { type: 'string', maxLength: 10 },
    person: {
      type: 'object',
      properties: { name: { type: 'string' }, idNumber: { type: 'string' } },
      required: ['name', 'idNumber'],
    },
    note: { type: 'string' },
  },
  required: ['id', 'station', 'person'],
  indexes: ['station'],
  encrypted: ['person', 'note'],
  attachments: { encrypted: true },
} as const satisfies RxJsonSchema<Person>;

const NAME = '王秘密';
const ID_NUMBER = '140106199003071234';
const NOTE = 'NOTE-SECRET-7788';

const opened: RxDatabase[] = [];
const instances: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  await Promise.all(instances.splice(0).map((i) => i.close()));
});

let n = 0;
async function openDb(databaseKey: Uint8Array, name = `wc-${Date.now()}-${(n += 1)}`) {
  const memory = getRxStorageMemory();
  const storage = wrappedWebCryptoEncryptionStorage({
    storage: memory,
    key: await importStorageKey(databaseKey),
  });
  const db = await createRxDatabase({ name, storage, password: toHex(databaseKey) });
  opened.push(db);
  const { people } = await db.addCollections({ people: { schema } });
  // The same (shared, in-memory) data seen without the wrapper: what lands on disk.
  const raw = await memory.createStorageInstance({
    databaseInstanceToken: db.token,
    databaseName: name,
    collectionName: 'people',
    schema: storageSchemaOf(people.storageInstance.schema),
    options: {},
    multiInstance: false,
    devMode: false,
  });
  return { db, people, raw, name, memory };
}

function person(id: string, name: string): RxDocumentData<Person> {
  return {
    id,
    station: 'S001',
    person: { name, idNumber: ID_NUMBER },
    _deleted: false,
    _attachments: {},
    _rev: '1-a',
    _meta: { lwt: Date.now() },
  };
}

/** Storage instances without a database on top (no change-stream subscribers). */
async function openInstances(databaseKey: Uint8Array) {
  const memory = getRxStorageMemory();
  const full = fillWithDefaultSettings(schema);
  const params = {
    databaseInstanceToken: `token-${(n += 1)}`,
    databaseName: `wci-${Date.now()}-${n}`,
    collectionName: 'people',
    schema: full,
    options: {},
    multiInstance: false,
    devMode: false,
  };
  const key = await importStorageKey(databaseKey);
  const wrapped = await wrappedWebCryptoEncryptionStorage({
    storage: memory,
    key,
  }).createStorageInstance(params);
  const raw = await memory.createStorageInstance({ ...params, schema: storageSchemaOf(full) });
  instances.push(wrapped, raw);
  return { wrapped, raw };
}

describe('wrappedWebCryptoEncryptionStorage', () => {
  it('round-trips encrypted fields and keeps them out of the stored form', async () => {
    const { people, raw } = await openDb(randomKey());
    await people.insert({
      id: 'P1',
      station: 'S001',
      person: { name: NAME, idNumber: ID_NUMBER },
      note: NOTE,
    });
    await people.insert({ id: 'P2', station: 'S002', person: { name: '李四', idNumber: '1' } });

    const back = await people.findOne('P1').exec();
    expect(back?.person).toEqual({ name: NAME, idNumber: ID_NUMBER });
    expect(back?.note).toBe(NOTE);
    const two = await people.findOne('P2').exec();
    expect(two?.note).toBeUndefined();
    expect((await people.find({ selector: { station: 'S002' } }).exec()).map((d) => d.id)).toEqual([
      'P2',
    ]);

    // Update, then read again (previous + new version go through the wrapper).
    await back?.incrementalPatch({ note: 'changed' });
    expect((await people.findOne('P1').exec())?.note).toBe('changed');

    const stored = await raw.findDocumentsById(['P1'], false);
    const text = JSON.stringify(stored);
    expect(stored[0]?.station).toBe('S001');
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain('changed');
    expect(String(stored[0]?.person)).toMatch(/^w1:[A-Za-z0-9+/=]+$/);
    expect(stored[0]).not.toHaveProperty('note');
  });

  it('seals attachments and returns their bytes', async () => {
    const { people, raw } = await openDb(randomKey());
    const doc = await people.insert({
      id: 'P1',
      station: 'S001',
      person: { name: NAME, idNumber: ID_NUMBER },
    });
    const marker = 'PHOTO-BYTES-MARKER-0001';
    await doc.putAttachment({
      id: 'bytes',
      data: new Blob([marker], { type: 'image/jpeg' }),
      type: 'image/jpeg',
    });
    const fresh = await people.findOne('P1').exec();
    const data = await fresh?.getAttachment('bytes')?.getData();
    expect(await data?.text()).toBe(marker);
    const [stored] = await raw.findDocumentsById(['P1'], false);
    const digest = stored?._attachments.bytes?.digest ?? '';
    const sealed = await raw.getAttachmentData('P1', 'bytes', digest);
    expect(await sealed.text()).not.toContain(marker);
    expect(sealed.size).toBe(marker.length + 12 + 16); // IV + GCM tag
  });

  it('fails clearly on tampered or moved data', async () => {
    const { wrapped, raw } = await openInstances(randomKey());
    await wrapped.bulkWrite(
      [{ document: person('P1', NAME) }, { document: person('P2', '李四') }],
      'test',
    );
    const [p1, p2] = await raw
      .findDocumentsById(['P1', 'P2'], false)
      .then((docs) => ['P1', 'P2'].map((id) => docs.find((d) => d.id === id)));
    if (!p1 || !p2) throw new Error('stored documents missing');
    const blob = String(p1.person);
    // One flipped character in the ciphertext.
    const flipped = blob.slice(0, 20) + (blob[20] === 'A' ? 'B' : 'A') + blob.slice(21);
    await raw.bulkWrite(
      [
        { previous: p1, document: { ...p1, person: flipped, _rev: '2-a' } },
        // P1's valid blob moved onto P2: the document id is authenticated with it.
        { previous: p2, document: { ...p2, person: blob, _rev: '2-b' } },
      ],
      'test-tamper',
    );
    await expect(wrapped.findDocumentsById(['P1'], false)).rejects.toBeInstanceOf(
      StorageDecryptionError,
    );
    await expect(wrapped.findDocumentsById(['P2'], false)).rejects.toThrow(
      /cannot decrypt people\/P2: wrong key or tampered data/,
    );
  });

  it('cannot decrypt under a different key', async () => {
    const first = await openInstances(randomKey());
    await first.wrapped.bulkWrite([{ document: person('P1', NAME) }], 'test');
    const [stored] = await first.raw.findDocumentsById(['P1'], false);
    if (!stored) throw new Error('stored document missing');
    const other = await openInstances(randomKey());
    await other.raw.bulkWrite([{ document: stored }], 'copy');
    await expect(other.wrapped.findDocumentsById(['P1'], false)).rejects.toBeInstanceOf(
      StorageDecryptionError,
    );
  });

  it('refuses to open a database with a different key (DB1)', async () => {
    const first = await openDb(randomKey());
    await first.db.close();
    const wrong = wrappedWebCryptoEncryptionStorage({
      storage: first.memory,
      key: await importStorageKey(randomKey()),
    });
    const db = await createRxDatabase({
      name: first.name,
      storage: wrong,
      password: toHex(randomKey()),
    });
    opened.push(db);
    await expect(db.addCollections({ people: { schema } })).rejects.toThrow(/DB1/);
  });
});
