import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyStore } from '../../../electron/keys/keyStore.ts';
import { createFileProtector } from '../../../electron/keys/protector.ts';
import { safeStorageVerdict } from '../../../electron/keys/safeStoragePolicy.ts';
import { keyringProtector, tempDir } from './support.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('safeStorage policy', () => {
  it('refuses basic_text on Linux with a Chinese way out', () => {
    const verdict = safeStorageVerdict({
      platform: 'linux',
      encryptionAvailable: true,
      linuxBackend: 'basic_text',
    });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.error.code).toBe('KEY_STORAGE_INSECURE');
    expect(verdict.error.message).toContain('gnome-keyring');
    expect(verdict.error.message).toContain('--password-store=gnome-libsecret');
    expect(verdict.error.message).toContain('docs/SECURITY.md');
  });

  it('refuses when encryption is unavailable or the backend is unknown', () => {
    expect(
      safeStorageVerdict({ platform: 'win32', encryptionAvailable: false, linuxBackend: null }).ok,
    ).toBe(false);
    expect(
      safeStorageVerdict({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'unknown' })
        .ok,
    ).toBe(false);
  });

  it('accepts real keyrings and the Windows/macOS stores', () => {
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
      expect(
        safeStorageVerdict({ platform: 'linux', encryptionAvailable: true, linuxBackend: backend })
          .ok,
      ).toBe(true);
    }
    expect(
      safeStorageVerdict({ platform: 'win32', encryptionAvailable: true, linuxBackend: null }).ok,
    ).toBe(true);
    expect(
      safeStorageVerdict({ platform: 'darwin', encryptionAvailable: true, linuxBackend: null }).ok,
    ).toBe(true);
  });
});

describe('key store', () => {
  it('creates a random 256-bit key once and returns it ever after', async () => {
    const protector = keyringProtector();
    const store = createKeyStore({ dir, protector });
    const first = await store.getOrCreate('database');
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(Buffer.from(first.value.key, 'base64')).toHaveLength(32);
    expect(first.value.protection).toBe('safeStorage');
    const again = await createKeyStore({ dir, protector }).getOrCreate('database');
    expect(again).toEqual(first);
  });

  it('keeps the blind-index key separate from the database key', async () => {
    const store = createKeyStore({ dir, protector: keyringProtector() });
    const db = await store.getOrCreate('database');
    const blind = await store.getOrCreate('blindIndex');
    expect(db.ok && blind.ok && db.value.key !== blind.value.key).toBe(true);
  });

  it('never stores the key in clear under safeStorage', async () => {
    const store = createKeyStore({ dir, protector: keyringProtector() });
    const result = await store.getOrCreate('database');
    if (!result.ok) throw new Error(result.error.code);
    const file = await readFile(join(dir, 'database.key.json'), 'utf8');
    expect(file).not.toContain(result.value.key);
    expect(file).not.toContain(Buffer.from(result.value.key, 'base64').toString('hex'));
  });

  it('agrees on one key under concurrent first use (two stores, many callers)', async () => {
    const protector = keyringProtector();
    const a = createKeyStore({ dir, protector });
    const b = createKeyStore({ dir, protector });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).getOrCreate('database')),
    );
    const keys = new Set(results.map((r) => (r.ok ? r.value.key : r.error.code)));
    expect(keys.size).toBe(1);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to create a key on Linux basic_text and writes nothing', async () => {
    const store = createKeyStore({
      dir,
      protector: keyringProtector(undefined, {
        platform: 'linux',
        encryptionAvailable: true,
        linuxBackend: 'basic_text',
      }),
    });
    const result = await store.getOrCreate('database');
    expect(result.ok || result.error.code).toBe('KEY_STORAGE_INSECURE');
    expect(await readdir(dir)).toEqual([]);
  });

  it('never regenerates a key it cannot open (keyring changed)', async () => {
    await createKeyStore({ dir, protector: keyringProtector() }).getOrCreate('database');
    const before = await readFile(join(dir, 'database.key.json'), 'utf8');
    const other = await createKeyStore({ dir, protector: keyringProtector() }).getOrCreate(
      'database',
    );
    expect(other.ok || other.error.code).toBe('KEY_UNREADABLE');
    expect(await readFile(join(dir, 'database.key.json'), 'utf8')).toBe(before);
  });

  it('refuses a key file protected another way instead of overwriting it', async () => {
    await createKeyStore({ dir, protector: createFileProtector() }).getOrCreate('database');
    const result = await createKeyStore({ dir, protector: keyringProtector() }).getOrCreate(
      'database',
    );
    expect(result.ok || result.error.code).toBe('KEY_PROTECTION_MISMATCH');
  });

  it('reports damaged key files as unreadable', async () => {
    await writeFile(join(dir, 'database.key.json'), '{"format":1,"purpose":"database"');
    await expect(
      createKeyStore({ dir, protector: createFileProtector() }).getOrCreate('database'),
    ).rejects.toThrow();
    await writeFile(
      join(dir, 'database.key.json'),
      JSON.stringify({
        format: 1,
        purpose: 'database',
        protection: 'file',
        createdAt: 1,
        sealed: 'AAAA',
      }),
    );
    const short = await createKeyStore({ dir, protector: createFileProtector() }).getOrCreate(
      'database',
    );
    expect(short.ok || short.error.code).toBe('KEY_UNREADABLE');
  });

  it('the browser host file fallback is mode 0600 and says "file"', async () => {
    const store = createKeyStore({ dir: join(dir, 'keys'), protector: createFileProtector() });
    expect(store.protection).toBe('file');
    const result = await store.getOrCreate('database');
    expect(result.ok && result.value.protection).toBe('file');
    // POSIX modes only; on Windows the file inherits the user profile's ACL.
    if (process.platform !== 'win32') {
      expect((await stat(join(dir, 'keys', 'database.key.json'))).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'keys'))).mode & 0o077).toBe(0);
    }
  });
});
