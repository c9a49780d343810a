// Electron adapter: safeStorage (DPAPI / Keychain / libsecret / kwallet). Thin on purpose.
import { safeStorage } from 'electron';
import type { SecretProtector } from './protector.ts';
import { safeStorageVerdict } from './safeStoragePolicy.ts';

export function createSafeStorageProtector(): SecretProtector {
  return {
    kind: 'safeStorage',
    ready: () =>
      safeStorageVerdict({
        platform: process.platform,
        encryptionAvailable: safeStorage.isEncryptionAvailable(),
        linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
      }),
    seal: (plain) => safeStorage.encryptString(Buffer.from(plain).toString('base64')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64'),
  };
}
