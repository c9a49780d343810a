// Response types of the host contract. All JSON-serialisable (they cross IPC and HTTP);
// binary data travels as base64 strings; times are epoch milliseconds.
import type { LabelKind } from '../printing/types.ts';
import type { BackupReason, DeviceEnrolment, IdCardReaderConfig } from './schemas.ts';

export type HostKind = 'electron' | 'browser';

/**
 * How the host protects secrets at rest:
 * - `safeStorage`: Electron safeStorage (DPAPI, Keychain, libsecret/kwallet);
 * - `file`: a key file readable only by the OS user (mode 0600) — the browser host's
 *   honest fallback, no better than the user account's own protection.
 */
export type KeyProtection = 'safeStorage' | 'file';

export interface Settings {
  readonly serverUrl: string | null;
  readonly printerAssignments: Partial<Record<LabelKind, string>>;
  readonly idleLockMinutes: number;
  readonly offlineLoginValidityDays: number;
  readonly language: 'zh-CN' | 'en-US';
  readonly updateChannel: string | null;
  readonly idCardReader: IdCardReaderConfig;
}

export interface AppInfo {
  readonly appName: string;
  readonly version: string;
  readonly hostKind: HostKind;
  readonly platform: string;
  readonly arch: string;
  readonly electronVersion: string | null;
  readonly chromeVersion: string | null;
  readonly dataDir: string;
  /** Free/total bytes of the disk holding dataDir; null when the OS would not say. */
  readonly disk: { readonly freeBytes: number; readonly totalBytes: number } | null;
  readonly keyProtection: KeyProtection;
  readonly startedAt: number;
}

/** A 256-bit key, base64 (44 chars). Never logged, never sent to the server. */
export interface KeyMaterial {
  readonly key: string;
  readonly protection: KeyProtection;
  readonly createdAt: number;
}

export interface DeviceIdentity {
  /** Generated locally on first run; stable for this installation's data dir. */
  readonly installationId: string;
  readonly enrolment: DeviceEnrolment | null;
}

export interface IdCardData {
  readonly name: string;
  readonly sex: 'male' | 'female';
  /** 民族, e.g. 汉 */
  readonly nation: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly address: string;
  readonly idNumber: string;
  /** 签发机关 */
  readonly issuer: string;
  /** YYYY-MM-DD */
  readonly validFrom: string;
  /** YYYY-MM-DD, or '长期' for a card without expiry. */
  readonly validTo: string;
  /** The chip portrait as JPEG bytes, base64. */
  readonly photo: string;
  readonly readAt: number;
}

export type IdCardReaderKind = IdCardReaderConfig['kind'];

export interface IdCardReaderStatus {
  readonly kind: IdCardReaderKind;
  /** The reader (or its vendor service) answers. */
  readonly connected: boolean;
  readonly model: string | null;
  /** Chinese explanation when not connected. */
  readonly detail: string | null;
}

export interface BackupEntry {
  readonly id: string;
  readonly createdAt: number;
  readonly reason: BackupReason;
  readonly sizeBytes: number;
  /** Hex SHA-256 of the stored blob, checked again on read. */
  readonly sha256: string;
  readonly appVersion: string;
  readonly note: string | null;
}

export interface BackupBlob {
  readonly entry: BackupEntry;
  readonly data: string;
}

export type UpdatePhase =
  | 'disabled'
  | 'idle'
  | 'checking'
  | 'not-available'
  | 'available'
  | 'downloading'
  | 'downloaded'
  | 'installing'
  | 'error';

export interface UpdateState {
  readonly phase: UpdatePhase;
  readonly currentVersion: string;
  readonly availableVersion: string | null;
  readonly progressPercent: number | null;
  readonly channel: string | null;
  readonly feedUrl: string | null;
  readonly checkedAt: number | null;
  /** Why updates are disabled or the last check failed. */
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly messageEn: string;
  } | null;
}

export interface PrintPreview {
  /** PNG bytes, base64. */
  readonly png: string;
  readonly widthDots: number;
  readonly heightDots: number;
}
