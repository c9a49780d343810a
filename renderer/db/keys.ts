// Key material from the host's key storage (random 256-bit keys, base64 on the wire).
// The database key encrypts documents and backups; the blind-index key only hashes.

export const KEY_BYTES = 32;

/** Decodes the host's base64 key; throws on the wrong length (a wiring bug, not user input). */
export function keyFromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  assertKey(bytes, 'key');
  return bytes;
}

export function assertKey(key: Uint8Array, name: string): void {
  if (key.length !== KEY_BYTES) {
    throw new RangeError(`${name} must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** A fresh random key, for tests and first runs without a host. */
export function randomKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

/** A copy backed by a plain ArrayBuffer, which WebCrypto's typings require. */
export function bufferOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
