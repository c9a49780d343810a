// How secrets (database keys, the device credential) are protected at rest.
import type { KeyProtection } from '../../shared/host/types.ts';
import { ok, type Result } from '../../shared/result.ts';

export interface SecretProtector {
  readonly kind: KeyProtection;
  /** ok when secrets can be protected now; a clerk-readable refusal otherwise. */
  ready(): Result<void>;
  seal(plain: Uint8Array): Uint8Array;
  /** Throws when the sealed bytes cannot be opened (wrong keyring, corrupted file). */
  open(sealed: Uint8Array): Uint8Array;
}

/**
 * The browser host's honest fallback: no encryption, only a file readable by the OS user
 * alone (mode 0600, set by the store). Reported as `file` in app info, never as safeStorage.
 */
export function createFileProtector(): SecretProtector {
  return {
    kind: 'file',
    ready: () => ok(undefined),
    seal: (plain) => Uint8Array.from(plain),
    open: (sealed) => Uint8Array.from(sealed),
  };
}
