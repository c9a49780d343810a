// Everything the handlers need, injected: Electron main and the browser host pass their
// own implementations (safeStorage vs key file, OS dialog vs exports dir, updater or none).
import type { HostKind } from '../../shared/host/types.ts';
import type { PrintService } from '../printing/service.ts';
import type { BackupStore } from '../backup/backupStore.ts';
import type { DeviceStore } from '../device/deviceStore.ts';
import type { IdCardReader } from '../idcard/reader.ts';
import type { KeyStore } from '../keys/keyStore.ts';
import type { LogSink } from '../logging/logSink.ts';
import type { OsPrintPort } from '../os-print/osPrint.ts';
import type { SettingsStore } from '../settings/settingsStore.ts';
import type { UpdateController } from '../update/controller.ts';

export interface HostDeps {
  readonly hostKind: HostKind;
  readonly appName: string;
  readonly appVersion: string;
  readonly dataDir: string;
  readonly electronVersion: string | null;
  readonly chromeVersion: string | null;
  readonly keyStore: KeyStore;
  readonly settings: SettingsStore;
  readonly device: DeviceStore;
  readonly logs: LogSink;
  readonly printService: PrintService;
  readonly osPrint: OsPrintPort;
  /** The reader for the current settings (settings can switch it at run time). */
  readonly idCardReader: () => Promise<IdCardReader>;
  readonly backups: BackupStore;
  readonly updates: UpdateController;
  readonly now: () => number;
  readonly startedAt: number;
}
