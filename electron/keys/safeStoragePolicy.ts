// When Electron's safeStorage is good enough to hold the database key (pure, unit-tested).
import { fail, ok, type Result } from '../../shared/result.ts';

export interface SafeStorageFacts {
  readonly platform: string;
  readonly encryptionAvailable: boolean;
  /** `safeStorage.getSelectedStorageBackend()` on Linux; null elsewhere. */
  readonly linuxBackend: string | null;
}

/**
 * On Linux without a keyring Chromium falls back to 'basic_text': a hard-coded password,
 * i.e. no protection at all. We refuse rather than pretend (docs/SECURITY.md explains the
 * way out), and also refuse 'unknown', which means we cannot tell.
 */
export function safeStorageVerdict(facts: SafeStorageFacts): Result<void> {
  if (!facts.encryptionAvailable) {
    return fail(
      'KEY_STORAGE_UNAVAILABLE',
      '系统加密存储不可用，无法安全保存数据库密钥。请确认已登录桌面会话并解锁系统密钥环，详见 docs/SECURITY.md',
      'OS encrypted storage is unavailable; cannot protect the database key (see docs/SECURITY.md)',
    );
  }
  if (
    facts.platform === 'linux' &&
    (facts.linuxBackend === 'basic_text' ||
      facts.linuxBackend === 'unknown' ||
      facts.linuxBackend === null)
  ) {
    return fail(
      'KEY_STORAGE_INSECURE',
      '本机没有可用的系统密钥环（gnome-keyring 或 KWallet），数据库密钥将以明文保存，因此拒绝继续。' +
        '请安装并解锁 gnome-keyring（或 KWallet），或以 --password-store=gnome-libsecret 启动程序，详见 docs/SECURITY.md',
      'No OS keyring (gnome-keyring or KWallet): the key would be stored in plain text, so Waypost refuses. ' +
        'Install and unlock gnome-keyring (or KWallet), or start with --password-store=gnome-libsecret (docs/SECURITY.md)',
    );
  }
  return ok(undefined);
}
