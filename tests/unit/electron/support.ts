// Test helpers: temp dirs and a stand-in for Electron's safeStorage (AES-GCM under a
// "keyring" key), since the Electron binary cannot run here.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SecretProtector } from '../../../electron/keys/protector.ts';
import {
  safeStorageVerdict,
  type SafeStorageFacts,
} from '../../../electron/keys/safeStoragePolicy.ts';

export async function tempDir(
  prefix = 'waypost-host-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function keyringProtector(
  keyring: Buffer = randomBytes(32),
  facts: SafeStorageFacts = {
    platform: 'linux',
    encryptionAvailable: true,
    linuxBackend: 'gnome_libsecret',
  },
): SecretProtector {
  return {
    kind: 'safeStorage',
    ready: () => safeStorageVerdict(facts),
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyring, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const buf = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', keyring, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]);
    },
  };
}
