// Print service: the one entry point the Electron main process and the browser
// host call. Plain async functions returning Result, so they cross IPC and HTTP.
import { checkLabelKey, checkReason, validatePrinterConfig } from '../../shared/printing/config.ts';
import { layoutLabel, type LabelLayout } from '../../shared/printing/layout/index.ts';
import type {
  BatchProgress,
  LabelContent,
  LedgerEntry,
  PrintBatchRequest,
  PrintLabelRequest,
  PrintReceipt,
  PrinterConfig,
  PrinterStatus,
} from '../../shared/printing/types.ts';
import { parsePrinterUri } from '../../shared/printing/uri.ts';
import { fail, ok, type Result, type WaypostError } from '../../shared/result.ts';
import { BatchStore, computeProgress, itemState, type BatchManifest } from './batch.ts';
import { rasterDriverFor } from './drivers/index.ts';
import { encodeLabel, sendLabel } from './engine.ts';
import { printerErrors } from './errors.ts';
import { LayoutStore } from './layouts.ts';
import { PrintLedger } from './ledger/ledger.ts';
import {
  DEFAULT_TIMEOUTS,
  openLink,
  probeTcp,
  type LinkTimeouts,
  type PrinterLink,
} from './link.ts';
import { KeyedMutex } from './lock.ts';
import { PrinterRegistry } from './printers.ts';
import { bitmapToPng } from './raster/bitmap.ts';
import { loadFonts, type FontSet } from './raster/fonts.ts';
import { checkDpi } from './raster/index.ts';
import { rasterise } from './raster/render.ts';
import { dotsPerMm } from './raster/units.ts';
import { deviceReachable, osPrinterReachable, type OsPrinterDriver } from './transports/spool.ts';

export interface OsPrintJob {
  readonly printerName: string;
  readonly png: Uint8Array;
  readonly widthMm: number;
  readonly heightMm: number;
}

export interface PrintServiceOptions {
  /** Directory for printers.json, the ledger, stored layouts and batch files. */
  dataDir: string;
  /** CJK fonts for the raster, in glyph-fallback order (see raster/fonts.ts). */
  fontPaths?: string[];
  timeouts?: Partial<LinkTimeouts>;
  /** Driver module for node-thermal-printer's `printer:` interface (os: addresses). */
  osPrinterDriver?: OsPrinterDriver;
  /** Prints a PNG through the OS (Electron shell) for printers with driver 'os'. */
  osPrint?: (job: OsPrintJob) => Promise<Result<void>>;
  now?: () => number;
}

export interface PrintService {
  listPrinters(): Promise<PrinterConfig[]>;
  savePrinter(config: PrinterConfig): Promise<Result<PrinterConfig>>;
  removePrinter(printerId: string): Promise<Result<void>>;
  /** Reachable printers give ok (paper/faults where the printer reports them); unreachable → PRINTER_UNREACHABLE. */
  checkPrinter(printerId: string): Promise<Result<PrinterStatus>>;
  /** One label; refuses a second print of the same labelKey (use reprintLabel). */
  printLabel(request: PrintLabelRequest): Promise<Result<PrintReceipt>>;
  reprintLabel(request: {
    labelKey: string;
    reason: string;
    printerId: string;
  }): Promise<Result<PrintReceipt>>;
  voidLabel(request: { labelKey: string; reason: string }): Promise<Result<LedgerEntry>>;
  /** Validates, stores and starts the batch in the background; poll batchProgress. */
  startBatch(request: PrintBatchRequest): Promise<Result<BatchProgress>>;
  /** Continues a paused batch; in-doubt labels are printed again (marked afterInDoubt). */
  resumeBatch(batchId: string): Promise<Result<BatchProgress>>;
  batchProgress(batchId: string): Promise<Result<BatchProgress>>;
  /** Resolves when the batch stops running (done or paused). */
  waitForBatch(batchId: string): Promise<Result<BatchProgress>>;
  ledger(query: { labelKey?: string; since?: number; limit?: number }): Promise<LedgerEntry[]>;
  renderPreview(request: {
    label: LabelContent;
    dpi?: number;
  }): Promise<Result<{ png: Uint8Array; widthDots: number; heightDots: number }>>;
  /** Stops accepting work, waits for running batches, closes the ledger. */
  close(): Promise<void>;
}

const MAX_BATCH_ITEMS = 5000;

const labelErrors = {
  alreadyPrinted: () =>
    fail(
      'LABEL_ALREADY_PRINTED',
      '该标签已打印过。如需再打一张，请使用“补打”并填写原因。',
      'This label was already printed; use reprint with a reason.',
      'labelKey',
    ),
  voided: () =>
    fail('LABEL_VOIDED', '该标签已作废，不能再打印。', 'This label has been voided.', 'labelKey'),
  notPrinted: () =>
    fail(
      'LABEL_NOT_PRINTED',
      '该标签尚未打印，无法补打或作废。',
      'This label has not been printed yet.',
      'labelKey',
    ),
  busy: () =>
    fail(
      'LABEL_PRINTING',
      '该标签正在打印，请稍候。',
      'This label is being printed right now.',
      'labelKey',
    ),
  layoutMissing: () =>
    fail(
      'LABEL_LAYOUT_MISSING',
      '找不到该标签的打印内容，请从业务单据重新打印。',
      'The stored label layout is missing; print it again from the record.',
      'labelKey',
    ),
  kindNotAllowed: (kind: string) =>
    fail(
      'PRINTER_LABEL_KIND',
      `这台打印机未设置为打印此类标签（${kind}），请选择其他打印机或修改设置。`,
      `This printer is not set up for ${kind} labels.`,
      'printerId',
    ),
  printerBusy: (batchId: string) =>
    fail(
      'PRINTER_BUSY',
      `打印机正在批量打印（批次 ${batchId}），请等待完成后再打印。`,
      `The printer is busy with batch ${batchId}.`,
      'printerId',
    ),
};

interface PrinterPort {
  encode(layout: LabelLayout): Result<Uint8Array>;
  open(): Promise<Result<PrinterLink>>;
}

/** PNG width/height from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The OS spooler is the printer as far as we can see: confirmation 'spooled'. */
function osPrintLink(
  osPrint: (job: OsPrintJob) => Promise<Result<void>>,
  printerName: string,
  dpi: number,
): PrinterLink {
  const dpm = dotsPerMm(dpi);
  return {
    status: null,
    async send(png) {
      const { width, height } = pngSize(png);
      const printed = await osPrint({
        printerName,
        png,
        widthMm: width / dpm,
        heightMm: height / dpm,
      });
      return printed.ok
        ? { ok: true, value: { confirmation: 'spooled', paper: 'unknown', faults: [] } }
        : { ok: false, error: printed.error, inDoubt: true };
    },
    close() {},
  };
}

export function createPrintService(options: PrintServiceOptions): PrintService {
  const now = options.now ?? Date.now;
  const timeouts: LinkTimeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const printers = new PrinterRegistry(options.dataDir);
  const layouts = new LayoutStore(options.dataDir);
  const batches = new BatchStore(options.dataDir);
  const printerLock = new KeyedMutex();
  const labelsInFlight = new Set<string>();
  const runningBatches = new Map<string, Promise<void>>();
  const batchOnPrinter = new Map<string, string>();
  let ledgerPromise: Promise<PrintLedger> | null = null;
  let fontSet: Result<FontSet> | null = null;

  const ledger = () =>
    (ledgerPromise ??= PrintLedger.open(options.dataDir, now).catch((error: unknown) => {
      ledgerPromise = null; // try again next call (e.g. the data directory was not ready)
      throw error;
    }));
  const fonts = (): Result<FontSet> => (fontSet ??= loadFonts(options.fontPaths));

  async function printerFor(printerId: string): Promise<Result<PrinterConfig>> {
    const config = await printers.get(printerId);
    return config === undefined ? printerErrors.notFound(printerId) : ok(config);
  }

  /** How to turn a layout into bytes for this printer and how to reach it. */
  function portFor(config: PrinterConfig): Result<PrinterPort> {
    const fontResult = fonts();
    if (!fontResult.ok) return fontResult;
    const address = parsePrinterUri(config.uri);
    if (!address.ok) return address;
    const fontSet = fontResult.value;
    if (config.driver === 'os') {
      const osPrint = options.osPrint;
      if (osPrint === undefined || address.value.scheme !== 'os') {
        return fail(
          'PRINTER_OS_UNAVAILABLE',
          '系统打印仅在桌面客户端中可用，请改用网络打印机（tcp://）。',
          'OS printing is only available in the desktop app.',
        );
      }
      const printerName = address.value.name;
      return ok({
        encode: (layout) => {
          const bitmap = rasterise(layout, { dpi: config.dpi, fonts: fontSet });
          return bitmap.ok ? ok(new Uint8Array(bitmapToPng(bitmap.value))) : bitmap;
        },
        open: async () => ok(osPrintLink(osPrint, printerName, config.dpi)),
      });
    }
    const driver = rasterDriverFor(config);
    if (driver === null) return printerErrors.notFound(config.id);
    const target = address.value;
    return ok({
      encode: (layout) => encodeLabel(layout, config, driver, fontSet),
      open: () => openLink(target, driver, { timeouts, osPrinterDriver: options.osPrinterDriver }),
    });
  }

  /** Render, open a link, send with ledger entries; for one label. */
  async function printOne(
    config: PrinterConfig,
    labelKey: string,
    layout: LabelLayout,
    extra: { reprintReason?: string; afterInDoubt?: boolean },
  ): Promise<Result<PrintReceipt>> {
    const book = await ledger();
    const port = portFor(config);
    if (!port.ok) return port;
    const bytes = port.value.encode(layout);
    if (!bytes.ok) return bytes;
    const link = await port.value.open();
    if (!link.ok) return link;
    try {
      const sent = await sendLabel(book, link.value, {
        labelKey,
        labelKind: layout.kind,
        printerId: config.id,
        bytes: bytes.value,
        ...extra,
      });
      return sent.ok ? sent : { ok: false, error: sent.error };
    } finally {
      link.value.close();
    }
  }

  /** Shared guard for single prints: key free, printer not held by a batch. */
  async function exclusive<T>(
    labelKey: string,
    printerId: string,
    task: () => Promise<Result<T>>,
  ): Promise<Result<T>> {
    if (labelsInFlight.has(labelKey)) return labelErrors.busy();
    const holder = batchOnPrinter.get(printerId);
    if (holder !== undefined) return labelErrors.printerBusy(holder);
    labelsInFlight.add(labelKey);
    try {
      return await printerLock.run(printerId, task);
    } finally {
      labelsInFlight.delete(labelKey);
    }
  }

  // ---- batches ----

  async function saveStatus(batchId: string, error?: WaypostError): Promise<void> {
    await batches.saveStatus(batchId, {
      updatedAt: now(),
      ...(error === undefined
        ? {}
        : { lastError: { code: error.code, message: error.message, messageEn: error.messageEn } }),
    });
  }

  async function runBatch(manifest: BatchManifest, config: PrinterConfig): Promise<void> {
    const book = await ledger();
    const port = portFor(config);
    if (!port.ok) {
      await saveStatus(manifest.batchId, port.error);
      return;
    }
    let link: PrinterLink | null = null;
    try {
      for (const item of manifest.items) {
        const state = itemState(book, manifest.batchId, item.labelKey);
        if (state === 'printed' || state === 'skipped') continue;
        // Any unsettled attempt (this batch or a crashed single print): may be a duplicate.
        const afterInDoubt = (book.state(item.labelKey)?.openAttempts.size ?? 0) > 0;
        const layout = await layouts.load(item.labelKey);
        if (layout === undefined) {
          await saveStatus(manifest.batchId, labelErrors.layoutMissing().error);
          return;
        }
        const bytes = port.value.encode(layout);
        if (!bytes.ok) {
          await saveStatus(manifest.batchId, bytes.error);
          return;
        }
        if (link === null) {
          const opened = await port.value.open();
          if (!opened.ok) {
            await saveStatus(manifest.batchId, opened.error);
            return;
          }
          link = opened.value;
        }
        const currentLink = link;
        const sent = await printerLock.run(config.id, () =>
          sendLabel(book, currentLink, {
            labelKey: item.labelKey,
            labelKind: item.labelKind,
            printerId: config.id,
            bytes: bytes.value,
            batchId: manifest.batchId,
            ...(afterInDoubt ? { afterInDoubt: true } : {}),
          }),
        );
        if (!sent.ok) {
          await saveStatus(manifest.batchId, sent.error);
          return;
        }
      }
      await saveStatus(manifest.batchId);
    } finally {
      link?.close();
    }
  }

  function launch(manifest: BatchManifest, config: PrinterConfig): void {
    batchOnPrinter.set(config.id, manifest.batchId);
    const run = runBatch(manifest, config)
      .catch(async (error: unknown) => {
        // An I/O failure of our own files (disk full…): pause with a clear reason.
        await saveStatus(
          manifest.batchId,
          fail(
            'PRINT_BATCH_STORAGE',
            '保存打印进度失败，请检查磁盘空间后继续。',
            `Could not record print progress: ${error instanceof Error ? error.message : String(error)}`,
          ).error,
        ).catch(() => undefined);
      })
      .finally(() => {
        runningBatches.delete(manifest.batchId);
        if (batchOnPrinter.get(config.id) === manifest.batchId) batchOnPrinter.delete(config.id);
      });
    runningBatches.set(manifest.batchId, run);
  }

  async function progressOf(batchId: string): Promise<Result<BatchProgress>> {
    const manifest = await batches.load(batchId);
    if (manifest === undefined) {
      return fail('BATCH_NOT_FOUND', '找不到该打印批次。', 'Print batch not found.', 'batchId');
    }
    const book = await ledger();
    return ok(
      computeProgress(
        manifest,
        book,
        runningBatches.has(batchId),
        await batches.loadStatus(batchId),
        now(),
      ),
    );
  }

  async function resume(manifest: BatchManifest): Promise<Result<BatchProgress>> {
    if (runningBatches.has(manifest.batchId)) return progressOf(manifest.batchId);
    const config = await printerFor(manifest.printerId);
    if (!config.ok) return config;
    const holder = batchOnPrinter.get(config.value.id);
    if (holder !== undefined && holder !== manifest.batchId) return labelErrors.printerBusy(holder);
    launch(manifest, config.value);
    return progressOf(manifest.batchId);
  }

  return {
    listPrinters: () => printers.list(),

    async savePrinter(config) {
      const valid = validatePrinterConfig(config);
      if (!valid.ok) return valid;
      await printers.save(valid.value);
      return ok(valid.value);
    },

    async removePrinter(printerId) {
      return (await printers.remove(printerId)) ? ok(undefined) : printerErrors.notFound(printerId);
    },

    async checkPrinter(printerId) {
      const config = await printerFor(printerId);
      if (!config.ok) return config;
      const address = parsePrinterUri(config.value.uri);
      if (!address.ok) return address;
      const started = now();
      const status = (
        paper: PrinterStatus['paper'],
        faults: PrinterStatus['faults'] = [],
      ): Result<PrinterStatus> =>
        ok({
          printerId,
          reachable: true,
          paper,
          faults,
          checkedAt: started,
          latencyMs: now() - started,
        });
      switch (address.value.scheme) {
        case 'tcp': {
          const probe = await probeTcp(address.value, rasterDriverFor(config.value), timeouts);
          if (!probe.ok) return probe;
          probe.value.socket.destroy();
          return status(probe.value.status?.paper ?? 'unknown', probe.value.status?.faults ?? []);
        }
        case 'device':
        case 'serial':
          return (await deviceReachable(address.value.path))
            ? status('unknown')
            : printerErrors.unreachable(address.value.path);
        case 'os':
          return (await osPrinterReachable(address.value.name, options.osPrinterDriver))
            ? status('unknown')
            : printerErrors.unreachable(address.value.name);
      }
    },

    async printLabel(request) {
      const key = checkLabelKey(request.labelKey);
      if (!key.ok) return key;
      const config = await printerFor(request.printerId);
      if (!config.ok) return config;
      if (!config.value.labelKinds.includes(request.label.kind))
        return labelErrors.kindNotAllowed(request.label.kind);
      const layout = layoutLabel(request.label);
      if (!layout.ok) return layout;
      return exclusive(request.labelKey, config.value.id, async () => {
        const book = await ledger();
        const state = book.state(request.labelKey);
        if (state?.voided != null) return labelErrors.voided();
        if (state?.firstPrint != null) return labelErrors.alreadyPrinted();
        await layouts.save(request.labelKey, layout.value);
        const afterInDoubt = (state?.openAttempts.size ?? 0) > 0;
        return printOne(
          config.value,
          request.labelKey,
          layout.value,
          afterInDoubt ? { afterInDoubt } : {},
        );
      });
    },

    async reprintLabel(request) {
      const key = checkLabelKey(request.labelKey);
      if (!key.ok) return key;
      const reason = checkReason(request.reason);
      if (!reason.ok) return reason;
      const config = await printerFor(request.printerId);
      if (!config.ok) return config;
      return exclusive(request.labelKey, config.value.id, async () => {
        const book = await ledger();
        const state = book.state(request.labelKey);
        if (state?.voided != null) return labelErrors.voided();
        if (state?.firstPrint == null) return labelErrors.notPrinted();
        const layout = await layouts.load(request.labelKey);
        if (layout === undefined) return labelErrors.layoutMissing();
        if (!config.value.labelKinds.includes(layout.kind))
          return labelErrors.kindNotAllowed(layout.kind);
        return printOne(config.value, request.labelKey, layout, { reprintReason: reason.value });
      });
    },

    async voidLabel(request) {
      const key = checkLabelKey(request.labelKey);
      if (!key.ok) return key;
      const reason = checkReason(request.reason);
      if (!reason.ok) return reason;
      const book = await ledger();
      const state = book.state(request.labelKey);
      if (state === undefined) return labelErrors.notPrinted();
      if (state.voided != null) return labelErrors.voided();
      return ok(
        await book.append({ kind: 'void', labelKey: request.labelKey, reason: reason.value }),
      );
    },

    async startBatch(request) {
      const id = checkLabelKey(request.batchId);
      if (!id.ok)
        return fail('BATCH_ID_INVALID', '批次号格式不正确', 'Batch id is malformed', 'batchId');
      const config = await printerFor(request.printerId);
      if (!config.ok) return config;
      if (request.items.length === 0 || request.items.length > MAX_BATCH_ITEMS) {
        return fail(
          'BATCH_SIZE',
          `每批可打印 1–${MAX_BATCH_ITEMS} 张标签`,
          `A batch holds 1–${MAX_BATCH_ITEMS} labels`,
          'items',
        );
      }
      const keys = new Set<string>();
      const laidOut: Array<{ labelKey: string; layout: LabelLayout }> = [];
      for (const [index, item] of request.items.entries()) {
        const field = `items[${index}]`;
        const key = checkLabelKey(item.labelKey);
        if (!key.ok) return fail(key.error.code, key.error.message, key.error.messageEn, field);
        if (keys.has(item.labelKey)) {
          return fail(
            'BATCH_DUPLICATE_LABEL',
            '批次中有重复的标签',
            'The batch lists a label twice',
            field,
          );
        }
        keys.add(item.labelKey);
        if (!config.value.labelKinds.includes(item.label.kind))
          return labelErrors.kindNotAllowed(item.label.kind);
        const layout = layoutLabel(item.label);
        if (!layout.ok)
          return fail(layout.error.code, layout.error.message, layout.error.messageEn, field);
        laidOut.push({ labelKey: item.labelKey, layout: layout.value });
      }
      const existing = await batches.load(request.batchId);
      if (existing !== undefined) {
        const same =
          existing.printerId === request.printerId &&
          existing.items.length === request.items.length &&
          existing.items.every((item, i) => item.labelKey === request.items[i]?.labelKey);
        if (!same) {
          return fail(
            'BATCH_CONFLICT',
            '该批次号已用于另一批标签',
            'This batch id is already used for other labels',
            'batchId',
          );
        }
        return resume(existing);
      }
      const holder = batchOnPrinter.get(config.value.id);
      if (holder !== undefined) return labelErrors.printerBusy(holder);
      const book = await ledger();
      for (const { labelKey, layout } of laidOut) {
        // Never replace what an already printed label showed (reprints use it).
        if (book.state(labelKey)?.firstPrint == null) await layouts.save(labelKey, layout);
      }
      const manifest: BatchManifest = {
        batchId: request.batchId,
        printerId: request.printerId,
        createdAt: now(),
        items: laidOut.map(({ labelKey, layout }) => ({ labelKey, labelKind: layout.kind })),
      };
      await batches.save(manifest);
      launch(manifest, config.value);
      return progressOf(request.batchId);
    },

    async resumeBatch(batchId) {
      const manifest = await batches.load(batchId);
      if (manifest === undefined)
        return fail('BATCH_NOT_FOUND', '找不到该打印批次。', 'Print batch not found.', 'batchId');
      return resume(manifest);
    },

    batchProgress: progressOf,

    async waitForBatch(batchId) {
      await runningBatches.get(batchId);
      return progressOf(batchId);
    },

    async ledger(query) {
      return (await ledger()).query(query);
    },

    async renderPreview(request) {
      const dpi = checkDpi(request.dpi ?? 203);
      if (!dpi.ok) return dpi;
      const fontResult = fonts();
      if (!fontResult.ok) return fontResult;
      const layout = layoutLabel(request.label);
      if (!layout.ok) return layout;
      const bitmap = rasterise(layout.value, { dpi: dpi.value, fonts: fontResult.value });
      if (!bitmap.ok) return bitmap;
      return ok({
        png: new Uint8Array(bitmapToPng(bitmap.value)),
        widthDots: bitmap.value.widthDots,
        heightDots: bitmap.value.heightDots,
      });
    },

    async close() {
      await Promise.all(runningBatches.values());
      if (ledgerPromise !== null) await (await ledgerPromise).close();
      ledgerPromise = null;
    },
  };
}
