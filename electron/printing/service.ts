// Print service: the one entry point the Electron main process and the browser
// host call. Stub bodies for now; the real implementation follows.
import { fail, type Result } from '../../shared/result.ts';
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

export interface PrintServiceOptions {
  /** Directory for printers.json, the ledger and batch progress. */
  dataDir: string;
  /** CJK fonts for the raster, first match wins per glyph. */
  fontPaths?: string[];
}

export interface PrintService {
  listPrinters(): Promise<PrinterConfig[]>;
  savePrinter(config: PrinterConfig): Promise<Result<PrinterConfig>>;
  removePrinter(printerId: string): Promise<Result<void>>;
  checkPrinter(printerId: string): Promise<Result<PrinterStatus>>;
  printLabel(request: PrintLabelRequest): Promise<Result<PrintReceipt>>;
  reprintLabel(request: {
    labelKey: string;
    reason: string;
    printerId: string;
  }): Promise<Result<PrintReceipt>>;
  voidLabel(request: { labelKey: string; reason: string }): Promise<Result<LedgerEntry>>;
  startBatch(request: PrintBatchRequest): Promise<Result<BatchProgress>>;
  resumeBatch(batchId: string): Promise<Result<BatchProgress>>;
  batchProgress(batchId: string): Promise<Result<BatchProgress>>;
  ledger(query: { labelKey?: string; since?: number; limit?: number }): Promise<LedgerEntry[]>;
  renderPreview(request: {
    label: LabelContent;
    dpi?: number;
  }): Promise<Result<{ png: Uint8Array; widthDots: number; heightDots: number }>>;
}

const notReady = () =>
  fail('PRINTING_NOT_READY', '打印服务尚未就绪', 'Printing service not ready yet');

export function createPrintService(_options: PrintServiceOptions): PrintService {
  return {
    listPrinters: async () => [],
    savePrinter: async () => notReady(),
    removePrinter: async () => notReady(),
    checkPrinter: async () => notReady(),
    printLabel: async () => notReady(),
    reprintLabel: async () => notReady(),
    voidLabel: async () => notReady(),
    startBatch: async () => notReady(),
    resumeBatch: async () => notReady(),
    batchProgress: async () => notReady(),
    ledger: async () => [],
    renderPreview: async () => notReady(),
  };
}
