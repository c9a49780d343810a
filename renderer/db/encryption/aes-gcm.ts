// AES-256-GCM through WebCrypto (native, no per-call key derivation). A sealed value is
// IV (96 random bits) ‖ ciphertext+tag; GCM's tag makes any change to it fail to open.
import { bufferOf } from '../keys.ts';

const IV_BYTES = 12;
const encoder = new TextEncoder();

/**
 * The storage key, derived ONCE from the 32-byte database key with HKDF (so it differs from
 * the key that seals backups) and kept as a non-extractable AES-GCM CryptoKey.
 */
export async function importStorageKey(databaseKey: Uint8Array): Promise<CryptoKey> {
  const master = await crypto.subtle.importKey('raw', bufferOf(databaseKey), 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: encoder.encode('waypost/rxdb-storage/aes-gcm/v1'),
    },
    master,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function params(iv: Uint8Array<ArrayBuffer>, context?: Uint8Array<ArrayBuffer>): AesGcmParams {
  return context ? { name: 'AES-GCM', iv, additionalData: context } : { name: 'AES-GCM', iv };
}

/** Encrypts `plain`; `context` (e.g. the document id) is authenticated but not stored. */
export async function seal(
  key: CryptoKey,
  plain: Uint8Array<ArrayBuffer>,
  context?: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = new Uint8Array(await crypto.subtle.encrypt(params(iv, context), key, plain));
  const out = new Uint8Array(IV_BYTES + cipher.length);
  out.set(iv, 0);
  out.set(cipher, IV_BYTES);
  return out;
}

/** Decrypts a sealed value; rejects (OperationError) if it or its context was changed. */
export async function unseal(
  key: CryptoKey,
  sealed: Uint8Array<ArrayBuffer>,
  context?: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  if (sealed.length <= IV_BYTES) throw new Error('encrypted value too short');
  const iv = sealed.slice(0, IV_BYTES);
  const plain = await crypto.subtle.decrypt(params(iv, context), key, sealed.subarray(IV_BYTES));
  return new Uint8Array(plain);
}

// Base64 in chunks: String.fromCharCode(...bytes) overflows the stack on large arrays.
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}
