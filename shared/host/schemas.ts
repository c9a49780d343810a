// Request schemas for the host contract. The renderer is a trust boundary (an XSS there
// must not turn into arbitrary host calls), so main and the browser host validate every
// request against these before a handler runs. Response types live in types.ts.
import { Type, type Static } from '@sinclair/typebox';
import {
  LABEL_KINDS,
  type LabelContent,
  type PrintBatchRequest,
  type PrintLabelRequest,
  type PrinterConfig,
} from '../printing/types.ts';

/** Channels that take no argument. */
export const NoRequest = Type.Undefined();

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:\\-]+$' });
const Reason = Type.String({ minLength: 1, maxLength: 500 });
const LabelKind = Type.Union(LABEL_KINDS.map((kind) => Type.Literal(kind)));

// Printing types belong to the printing engineer (shared/printing/types.ts). We check the
// envelope here and keep their static types; the print service validates the rest.
const LabelContentShape = Type.Unsafe<LabelContent>(
  Type.Object({ kind: LabelKind }, { additionalProperties: true }),
);

export const PrinterConfigRequest = Type.Unsafe<PrinterConfig>(
  Type.Object(
    {
      id: Id,
      name: Type.String({ minLength: 1, maxLength: 100 }),
      uri: Type.String({ minLength: 1, maxLength: 300 }),
      driver: Type.Union([Type.Literal('escpos'), Type.Literal('tspl'), Type.Literal('os')]),
      dpi: Type.Number({ minimum: 100, maximum: 1200 }),
      widthMm: Type.Number({ minimum: 10, maximum: 300 }),
      labelKinds: Type.Array(LabelKind, { maxItems: LABEL_KINDS.length }),
    },
    { additionalProperties: true },
  ),
);

export const PrinterIdRequest = Type.Object({ printerId: Id }, { additionalProperties: false });

export const PrintLabelRequestSchema = Type.Unsafe<PrintLabelRequest>(
  Type.Object(
    { labelKey: Id, printerId: Id, label: LabelContentShape },
    { additionalProperties: false },
  ),
);

export const ReprintRequest = Type.Object(
  { labelKey: Id, reason: Reason, printerId: Id },
  { additionalProperties: false },
);

export const VoidLabelRequest = Type.Object(
  { labelKey: Id, reason: Reason },
  { additionalProperties: false },
);

export const PrintBatchRequestSchema = Type.Unsafe<PrintBatchRequest>(
  Type.Object(
    {
      batchId: Id,
      printerId: Id,
      items: Type.Array(
        Type.Object({ labelKey: Id, label: LabelContentShape }, { additionalProperties: false }),
        { minItems: 1, maxItems: 5000 },
      ),
    },
    { additionalProperties: false },
  ),
);

export const BatchIdRequest = Type.Object({ batchId: Id }, { additionalProperties: false });

export const LedgerQuery = Type.Object(
  {
    labelKey: Type.Optional(Id),
    since: Type.Optional(Type.Number({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

export const PreviewRequest = Type.Object(
  {
    label: LabelContentShape,
    dpi: Type.Optional(Type.Integer({ minimum: 100, maximum: 600 })),
  },
  { additionalProperties: false },
);

export const OsPrintRequest = Type.Object(
  {
    label: LabelContentShape,
    /** An OS printer name; absent → the system dialog lets the clerk choose. */
    deviceName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** Print without the dialog (needs deviceName or the system default printer). */
    silent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SavePdfRequest = Type.Object(
  {
    label: LabelContentShape,
    /** Suggested file name (no directories), e.g. `EA123456785CN.pdf`. */
    fileName: Type.Optional(
      Type.String({ minLength: 1, maxLength: 120, pattern: '^[^/\\\\:*?"<>|]+$' }),
    ),
  },
  { additionalProperties: false },
);

// ---- settings -------------------------------------------------------------------------

export const Language = Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US')]);

export const IdCardReaderConfig = Type.Union([
  Type.Object({ kind: Type.Literal('none') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('simulator') }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('http'),
      /** The vendor's local service; loopback only (checked by the host). */
      url: Type.String({ minLength: 1, maxLength: 300 }),
      timeoutMs: Type.Optional(Type.Integer({ minimum: 500, maximum: 60_000 })),
    },
    { additionalProperties: false },
  ),
]);
export type IdCardReaderConfig = Static<typeof IdCardReaderConfig>;

export const PrinterAssignments = Type.Object(
  Object.fromEntries(LABEL_KINDS.map((kind) => [kind, Type.Optional(Id)])),
  { additionalProperties: false },
);

const SettingsFields = {
  /** The central server (https, or http on loopback/private networks). Null until set up. */
  serverUrl: Type.Union([Type.String({ minLength: 1, maxLength: 300 }), Type.Null()]),
  idleLockMinutes: Type.Integer({ minimum: 1, maximum: 240 }),
  offlineLoginValidityDays: Type.Integer({ minimum: 1, maximum: 30 }),
  language: Language,
  /** Update channel; null → the station code once enrolled, else 'stable'. */
  updateChannel: Type.Union([
    Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_\\-]+$' }),
    Type.Null(),
  ]),
  idCardReader: IdCardReaderConfig,
};

export const SettingsPatch = Type.Object(
  {
    serverUrl: Type.Optional(SettingsFields.serverUrl),
    printerAssignments: Type.Optional(PrinterAssignments),
    idleLockMinutes: Type.Optional(SettingsFields.idleLockMinutes),
    offlineLoginValidityDays: Type.Optional(SettingsFields.offlineLoginValidityDays),
    language: Type.Optional(SettingsFields.language),
    updateChannel: Type.Optional(SettingsFields.updateChannel),
    idCardReader: Type.Optional(SettingsFields.idCardReader),
  },
  { additionalProperties: false },
);
export type SettingsPatch = Static<typeof SettingsPatch>;

// ---- device identity ------------------------------------------------------------------

export const DeviceEnrolment = Type.Object(
  {
    serverUrl: Type.String({ minLength: 1, maxLength: 300 }),
    /** Issued by the server at enrolment. */
    deviceId: Type.String({ minLength: 1, maxLength: 128 }),
    stationId: Type.String({ minLength: 1, maxLength: 128 }),
    stationCode: Type.String({ minLength: 1, maxLength: 64 }),
    stationName: Type.Optional(Type.String({ maxLength: 200 })),
    /** The device's secret credential; sealed at rest by the host's key protection. */
    credential: Type.String({ minLength: 1, maxLength: 4096 }),
    enrolledAt: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type DeviceEnrolment = Static<typeof DeviceEnrolment>;

// ---- logs -----------------------------------------------------------------------------

export const LogLevel = Type.Union([
  Type.Literal('debug'),
  Type.Literal('info'),
  Type.Literal('warn'),
  Type.Literal('error'),
]);
export type LogLevel = Static<typeof LogLevel>;

export const LogEntry = Type.Object(
  {
    level: LogLevel,
    message: Type.String({ maxLength: 4000 }),
    /** Where in the renderer, e.g. `sync.push`. */
    scope: Type.Optional(Type.String({ maxLength: 100 })),
    at: Type.Optional(Type.Number({ minimum: 0 })),
    context: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 100 }),
        Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean(), Type.Null()]),
        { maxProperties: 30 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type LogEntry = Static<typeof LogEntry>;

export const LogWriteRequest = Type.Object(
  { entries: Type.Array(LogEntry, { minItems: 1, maxItems: 200 }) },
  { additionalProperties: false },
);

// ---- backups --------------------------------------------------------------------------

export const BackupReason = Type.Union([
  Type.Literal('manual'),
  Type.Literal('scheduled'),
  Type.Literal('pre-update'),
]);
export type BackupReason = Static<typeof BackupReason>;

export const BackupSaveRequest = Type.Object(
  {
    reason: BackupReason,
    /** The data layer's already-encrypted blob, base64. The host never sees plaintext. */
    data: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
    /** Free text the data layer may use (format version, document counts). No PII. */
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const BackupIdRequest = Type.Object({ id: Id }, { additionalProperties: false });

export const UpdateInstallRequest = Type.Object(
  {
    /** A `pre-update` backup taken by the data layer just before this call. */
    backupId: Id,
  },
  { additionalProperties: false },
);
