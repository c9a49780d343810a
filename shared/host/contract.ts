// THE host contract: every capability the renderer may ask of its host (Electron main or
// the browser host), listed once. Main's handler map, the preload object, the renderer's
// client and the browser host's routes are all derived from this map — add a channel here
// and the compiler points at every place that must implement it.
//
// Every response is a `Result<T>`: errors cross IPC/HTTP as data, never as exceptions.
import type { Static, TSchema } from '@sinclair/typebox';
import type { Result } from '../result.ts';
import type {
  BatchProgress,
  LedgerEntry,
  PrintReceipt,
  PrinterConfig,
  PrinterStatus,
} from '../printing/types.ts';
import {
  BackupIdRequest,
  BackupSaveRequest,
  BatchIdRequest,
  DeviceEnrolment,
  LedgerQuery,
  LogWriteRequest,
  NoRequest,
  OsPrintRequest,
  PreviewRequest,
  PrintBatchRequestSchema,
  PrintLabelRequestSchema,
  PrinterConfigRequest,
  PrinterIdRequest,
  ReprintRequest,
  SavePdfRequest,
  SettingsPatch,
  UpdateInstallRequest,
  VoidLabelRequest,
} from './schemas.ts';
import type {
  AppInfo,
  BackupBlob,
  BackupEntry,
  DeviceIdentity,
  IdCardData,
  IdCardReaderStatus,
  KeyMaterial,
  PrintPreview,
  Settings,
  UpdateState,
} from './types.ts';

export interface ChannelSpec<Req extends TSchema, Value> {
  /** Schema the host validates the request against before the handler runs. */
  readonly request: Req;
  /** Type-level only: the value of a successful Result. Never set at run time. */
  readonly _value?: [Value];
}

const channel = <Req extends TSchema>(request: Req) => ({
  returns: <Value>(): ChannelSpec<Req, Value> => ({ request }),
});

export const hostContract = {
  // App
  'app.info': channel(NoRequest).returns<AppInfo>(),

  // Settings (typed object; a patch is validated and merged)
  'settings.get': channel(NoRequest).returns<Settings>(),
  'settings.set': channel(SettingsPatch).returns<Settings>(),

  // Key storage: random 256-bit keys, created on first call, never derived from a password
  'keys.databaseKey': channel(NoRequest).returns<KeyMaterial>(),
  'keys.blindIndexKey': channel(NoRequest).returns<KeyMaterial>(),

  // Device identity and the sync client's enrolment credential
  'device.identity': channel(NoRequest).returns<DeviceIdentity>(),
  'device.setEnrolment': channel(DeviceEnrolment).returns<DeviceIdentity>(),
  'device.clearEnrolment': channel(NoRequest).returns<DeviceIdentity>(),

  // Renderer → host log lines (the host redacts PII patterns before writing)
  'log.write': channel(LogWriteRequest).returns<{ written: number }>(),

  // Printers
  'printers.list': channel(NoRequest).returns<PrinterConfig[]>(),
  'printers.save': channel(PrinterConfigRequest).returns<PrinterConfig>(),
  'printers.remove': channel(PrinterIdRequest).returns<void>(),
  'printers.check': channel(PrinterIdRequest).returns<PrinterStatus>(),

  // Print jobs
  'print.label': channel(PrintLabelRequestSchema).returns<PrintReceipt>(),
  'print.reprint': channel(ReprintRequest).returns<PrintReceipt>(),
  'print.void': channel(VoidLabelRequest).returns<LedgerEntry>(),
  'print.startBatch': channel(PrintBatchRequestSchema).returns<BatchProgress>(),
  'print.resumeBatch': channel(BatchIdRequest).returns<BatchProgress>(),
  'print.batchProgress': channel(BatchIdRequest).returns<BatchProgress>(),
  'print.ledger': channel(LedgerQuery).returns<LedgerEntry[]>(),
  'print.preview': channel(PreviewRequest).returns<PrintPreview>(),
  /** OS print dialog (Electron); `printed: false` when the clerk cancelled. */
  'print.osDialog': channel(OsPrintRequest).returns<{ printed: boolean }>(),
  'print.savePdf': channel(SavePdfRequest).returns<{ path: string; bytes: number }>(),

  // Second-generation ID card reader
  'idCard.status': channel(NoRequest).returns<IdCardReaderStatus>(),
  'idCard.read': channel(NoRequest).returns<IdCardData>(),

  // Backup files for the data layer (it encrypts; the host only stores)
  'backup.save': channel(BackupSaveRequest).returns<BackupEntry>(),
  'backup.list': channel(NoRequest).returns<BackupEntry[]>(),
  'backup.read': channel(BackupIdRequest).returns<BackupBlob>(),

  // Auto-update (Electron); install requires a fresh pre-update backup
  'update.check': channel(NoRequest).returns<UpdateState>(),
  'update.state': channel(NoRequest).returns<UpdateState>(),
  'update.install': channel(UpdateInstallRequest).returns<UpdateState>(),
} satisfies Record<string, ChannelSpec<TSchema, unknown>>;

export type HostContract = typeof hostContract;
export type HostChannel = keyof HostContract;
export type HostRequest<K extends HostChannel> = Static<HostContract[K]['request']>;
export type HostValue<K extends HostChannel> = NonNullable<HostContract[K]['_value']>[0];
export type HostResponse<K extends HostChannel> = Result<HostValue<K>>;

/** What main and the browser host implement: one plain async function per channel. */
export type HostHandlers = {
  readonly [K in HostChannel]: (request: HostRequest<K>) => Promise<HostResponse<K>>;
};

/** A subset of the handlers, for feature files (`createPrintingHandlers` etc.). */
export type HostHandlerGroup<K extends HostChannel> = Pick<HostHandlers, K>;

export function isHostChannel(name: string): name is HostChannel {
  return Object.hasOwn(hostContract, name);
}

/** Every channel name, in contract order. */
export const HOST_CHANNELS: readonly HostChannel[] =
  Object.keys(hostContract).filter(isHostChannel);

// ---- the renderer-facing API: `host.print.label(request)` ----------------------------

type NamespaceOf<C> = C extends `${infer N}.${string}` ? N : never;
export type HostNamespace = NamespaceOf<HostChannel>;

export type HostFunction<K extends HostChannel> =
  HostRequest<K> extends undefined
    ? () => Promise<HostResponse<K>>
    : (request: HostRequest<K>) => Promise<HostResponse<K>>;

/** The object the preload exposes as `window.waypost` and the renderer's `host`. */
export type HostApi = {
  readonly [N in HostNamespace]: {
    readonly [K in HostChannel as K extends `${N}.${infer M}` ? M : never]: HostFunction<K>;
  };
};

/** Sends one request to the host; each transport (IPC, HTTP) provides one. */
export type HostInvoker = <K extends HostChannel>(
  channel: K,
  request: HostRequest<K>,
) => Promise<HostResponse<K>>;
