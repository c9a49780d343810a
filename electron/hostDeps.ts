// Assembles HostDeps from a data dir and the few host-specific parts. Electron main and
// the browser host differ only in what they pass here.
import { join } from 'node:path';
import type { HostKind } from '../shared/host/types.ts';
import { createBackupStore } from './backup/backupStore.ts';
import { createDeviceStore } from './device/deviceStore.ts';
import type { HostDeps } from './handlers/deps.ts';
import { createIdCardReader, type IdCardReader } from './idcard/index.ts';
import { createKeyStore } from './keys/keyStore.ts';
import type { SecretProtector } from './keys/protector.ts';
import { createLogSink } from './logging/logSink.ts';
import type { OsPrintPort } from './os-print/osPrint.ts';
import { createPrintService, type PrintService } from './printing/service.ts';
import { createSettingsStore } from './settings/settingsStore.ts';
import type { BackupStore } from './backup/backupStore.ts';
import type { DeviceStore } from './device/deviceStore.ts';
import type { SettingsStore } from './settings/settingsStore.ts';
import type { UpdateController } from './update/controller.ts';

export interface HostAssembly {
  readonly hostKind: HostKind;
  readonly dataDir: string;
  readonly appName: string;
  readonly appVersion: string;
  readonly electronVersion?: string | null;
  readonly chromeVersion?: string | null;
  readonly protector: SecretProtector;
  readonly osPrint: OsPrintPort;
  readonly updates: (parts: {
    backups: BackupStore;
    settings: SettingsStore;
    device: DeviceStore;
  }) => UpdateController;
  /** Defaults to the real print service with its data under <dataDir>/printing. */
  readonly printService?: PrintService;
  readonly fontPaths?: string[];
  /** Replaces the configured reader (tests). */
  readonly idCardReader?: IdCardReader;
  readonly now?: () => number;
}

export function assembleHostDeps(options: HostAssembly): HostDeps {
  const { dataDir, protector } = options;
  const now = options.now ?? Date.now;
  const settings = createSettingsStore({ dataDir, hostKind: options.hostKind });
  const device = createDeviceStore({ dataDir, protector });
  const backups = createBackupStore({
    dir: join(dataDir, 'backups'),
    appVersion: options.appVersion,
    now,
  });

  // Rebuilt only when the reader settings change.
  let reader: { key: string; reader: IdCardReader } | undefined;
  const idCardReader = async (): Promise<IdCardReader> => {
    if (options.idCardReader) return options.idCardReader;
    const config = (await settings.get()).idCardReader;
    const key = JSON.stringify(config);
    if (reader?.key !== key) reader = { key, reader: createIdCardReader(config) };
    return reader.reader;
  };

  return {
    hostKind: options.hostKind,
    appName: options.appName,
    appVersion: options.appVersion,
    dataDir,
    electronVersion: options.electronVersion ?? null,
    chromeVersion: options.chromeVersion ?? null,
    keyStore: createKeyStore({ dir: join(dataDir, 'keys'), protector, now }),
    settings,
    device,
    logs: createLogSink({ dir: join(dataDir, 'logs'), now }),
    printService:
      options.printService ??
      createPrintService({
        dataDir: join(dataDir, 'printing'),
        ...(options.fontPaths ? { fontPaths: options.fontPaths } : {}),
      }),
    osPrint: options.osPrint,
    idCardReader,
    backups,
    updates: options.updates({ backups, settings, device }),
    now,
    startedAt: now(),
  };
}
