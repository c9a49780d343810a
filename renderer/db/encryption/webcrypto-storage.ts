// Encryption at rest for RxDB: a storage wrapper (structured like RxDB's encryption-crypto-js
// plugin, which it replaces) that seals each document's `encrypted` fields together as ONE
// AES-256-GCM blob, and attachment bytes as binary. The key is imported once; crypto-js
// derived a key with MD5 per field per read/write in JavaScript, which made saves, seeding
// and searches several times slower. Nothing was deployed with the crypto-js format, so no
// migration of crypto-js data exists (a database written by it does not open with this).
//
// Stored form: the first encrypted field holds `w1:` + base64(IV ‖ ciphertext+tag) of the
// JSON object of all encrypted fields; the other encrypted fields are absent. The document's
// primary key is authenticated with it, so a blob moved to another document fails to open.
import {
  getPrimaryFieldOfPrimaryKey,
  hasEncryption,
  wrapRxStorageInstance,
  type RxAttachmentWriteData,
  type RxDocumentData,
  type RxDocumentWriteData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { fromBase64, seal, toBase64, unseal } from './aes-gcm.ts';

const FORMAT = 'w1:';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

type Fields = Record<string, unknown>;

export class StorageDecryptionError extends Error {
  constructor(collection: string, documentId: string, cause: unknown) {
    // Ids are ULIDs, never personal data: safe in messages and logs.
    super(`cannot decrypt ${collection}/${documentId}: wrong key or tampered data`, { cause });
    this.name = 'StorageDecryptionError';
  }
}

/** The schema the inner storage sees: no `encrypted`, each encrypted field a plain string. */
export function storageSchemaOf<T>(
  schema: RxJsonSchema<RxDocumentData<T>>,
): RxJsonSchema<RxDocumentData<T>> {
  const paths = schema.encrypted ?? [];
  const properties: Fields = { ...schema.properties };
  for (const path of paths) properties[path] = { type: 'string' };
  const { encrypted: _encrypted, ...rest } = schema;
  return {
    ...rest,
    properties: properties as typeof schema.properties,
    ...(schema.attachments ? { attachments: { ...schema.attachments, encrypted: false } } : {}),
  };
}

function fieldsOf(doc: object): Fields {
  return doc as Fields;
}

export interface WebCryptoStorageOptions<I, O> {
  storage: RxStorage<I, O>;
  /** From importStorageKey(databaseKey): non-extractable, imported once per database. */
  key: CryptoKey;
}

export function wrappedWebCryptoEncryptionStorage<I, O>(
  options: WebCryptoStorageOptions<I, O>,
): RxStorage<I, O> {
  const { storage, key } = options;
  return {
    ...storage,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, O>) {
      if (!hasEncryption(params.schema)) return storage.createStorageInstance(params);
      const schema = params.schema;
      const paths = schema.encrypted ?? [];
      const nested = paths.find((p) => p.includes('.'));
      if (nested) throw new Error(`encrypted field ${nested}: only top-level fields are supported`);
      const blobField = paths[0];
      const primary = getPrimaryFieldOfPrimaryKey(schema.primaryKey);
      const attachmentsEncrypted = schema.attachments?.encrypted === true;
      const instance = await storage.createStorageInstance({
        ...params,
        schema: storageSchemaOf(schema),
      });

      // RxDB treats document data as immutable: remember which stored form belongs to which
      // plaintext, so the `previous` of an update and the change event of a write need no
      // second encryption / decryption of the same version.
      const storedOf = new WeakMap<object, RxDocumentData<unknown>>();
      const plainOf = new WeakMap<object, RxDocumentData<RxDocType>>();

      const contextOf = (doc: Fields) => encoder.encode(String(doc[primary]));

      async function toStorage(
        docData: RxDocumentWriteData<RxDocType>,
      ): Promise<RxDocumentData<unknown>> {
        const known = storedOf.get(docData);
        if (known) return known;
        const doc = fieldsOf(docData);
        const out: Fields = { ...doc };
        if (blobField !== undefined) {
          const secret: Fields = {};
          let any = false;
          for (const path of paths) {
            if (doc[path] === undefined) continue;
            secret[path] = doc[path];
            any = true;
            delete out[path];
          }
          if (any) {
            const sealed = await seal(key, encoder.encode(JSON.stringify(secret)), contextOf(doc));
            out[blobField] = FORMAT + toBase64(sealed);
          }
        }
        let hasAttachmentData = false;
        if (attachmentsEncrypted) {
          const attachments: Record<string, RxAttachmentWriteData> = {};
          for (const [id, attachment] of Object.entries(docData._attachments ?? {})) {
            if ('data' in attachment && attachment.data) {
              hasAttachmentData = true;
              const plain = new Uint8Array(await attachment.data.arrayBuffer());
              const sealed = await seal(key, plain);
              attachments[id] = {
                ...attachment,
                data: new Blob([sealed], { type: attachment.type }),
              };
            } else {
              attachments[id] = attachment as RxAttachmentWriteData;
            }
          }
          out._attachments = attachments;
        }
        const stored = out as RxDocumentData<unknown>;
        if (!hasAttachmentData) {
          storedOf.set(docData, stored);
          plainOf.set(stored, docData as RxDocumentData<RxDocType>);
        }
        return stored;
      }

      async function fromStorage(
        docData: RxDocumentData<unknown>,
      ): Promise<RxDocumentData<RxDocType>> {
        const known = plainOf.get(docData);
        if (known) return known;
        const doc = fieldsOf(docData);
        const out: Fields = { ...doc };
        const blob = blobField === undefined ? undefined : doc[blobField];
        if (blobField !== undefined && blob !== undefined) {
          const documentId = String(doc[primary]);
          try {
            if (typeof blob !== 'string' || !blob.startsWith(FORMAT)) {
              throw new Error('not in the w1 format');
            }
            const plain = await unseal(key, fromBase64(blob.slice(FORMAT.length)), contextOf(doc));
            delete out[blobField];
            Object.assign(out, JSON.parse(decoder.decode(plain)) as Fields);
          } catch (error) {
            throw new StorageDecryptionError(params.collectionName, documentId, error);
          }
        }
        const plain = out as RxDocumentData<RxDocType>;
        plainOf.set(docData, plain);
        storedOf.set(plain, docData);
        return plain;
      }

      async function attachmentFromStorage(data: Blob): Promise<Blob> {
        if (!attachmentsEncrypted) return data;
        const plain = await unseal(key, new Uint8Array(await data.arrayBuffer()));
        return new Blob([plain], data.type ? { type: data.type } : undefined);
      }

      return wrapRxStorageInstance(schema, instance, toStorage, fromStorage, attachmentFromStorage);
    },
  };
}
