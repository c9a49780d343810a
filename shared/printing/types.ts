// Printing contract: request/response types shared by the Electron main process,
// the browser host and the renderer. Everything here is JSON-serialisable so it
// crosses IPC and HTTP unchanged. Times are epoch milliseconds.

import type { PostalAddress } from '../privacy/index.ts';

export type { PostalAddress };

export type WaybillLabelKind = 'ems100x150' | 'ems76x130';
export type LabelKind = WaybillLabelKind | 'receipt80' | 'manifest80' | 'slip80';
export const LABEL_KINDS = [
  'ems100x150',
  'ems76x130',
  'receipt80',
  'manifest80',
  'slip80',
] as const satisfies readonly LabelKind[];

/**
 * Data for one EMS waybill. It carries FULL personal data on purpose: the layout
 * masks it (GB/T 41833-2022), so a caller can never print it unmasked by mistake.
 * There is deliberately no field for an ID number.
 */
export interface WaybillLabelData {
  readonly waybillNo: string;
  readonly acceptanceNo: string;
  /** Sorting code printed large, e.g. the destination centre or police station code. */
  readonly sortCode: string;
  /** e.g. 居民身份证换领 */
  readonly businessNameZh: string;
  /** Always the generic '文件' on a privacy waybill. */
  readonly contents: '文件';
  readonly printedAt: number;
  readonly recipient: {
    readonly name: string;
    readonly mobile: string;
    readonly address: PostalAddress;
    readonly postcode?: string;
  };
  /** The accepting station (public business data, printed in full). */
  readonly sender: {
    readonly name: string;
    readonly phone: string;
    readonly address: PostalAddress;
  };
  readonly weightGrams?: number;
}

/** The applicant's receipt (受理回执). */
export interface ReceiptData {
  readonly acceptanceNo: string;
  readonly businessNameZh: string;
  readonly acceptedAt: number;
  readonly stationName: string;
  readonly stationPhone: string;
  /** Masked by the layout. */
  readonly applicantName?: string;
  readonly waybillNo?: string;
  /** Public tracking page, printed as text; the QR carries only `WP1:<acceptanceNo>`. */
  readonly trackingUrl?: string;
  readonly clerkCode?: string;
  readonly notes?: readonly string[];
}

export interface ManifestItem {
  readonly waybillNo: string;
  readonly businessNameZh: string;
  readonly sortCode?: string;
  /** Masked by the layout. */
  readonly recipientName?: string;
}

/** Dispatch / handover manifest (交接清单). */
export interface ManifestData {
  readonly batchId: string;
  readonly stationName: string;
  readonly destination: string;
  readonly createdAt: number;
  readonly items: readonly ManifestItem[];
  readonly handedOverBy?: string;
}

export interface SlipLine {
  readonly label?: string;
  readonly value: string;
  readonly bold?: boolean;
}

/** A generic titled slip: van shift-start/shift-end slips, daily reports. */
export interface SlipData {
  readonly title: string;
  readonly subtitle?: string;
  readonly lines: readonly SlipLine[];
  readonly printedAt: number;
  /** Optional CODE128 (ASCII) at the bottom, e.g. a shift id. */
  readonly barcode?: string;
  readonly footer?: string;
  /** Adds signature lines (签字) at the bottom. */
  readonly signatures?: readonly string[];
}

export type LabelContent =
  | { readonly kind: WaybillLabelKind; readonly waybill: WaybillLabelData }
  | { readonly kind: 'receipt80'; readonly receipt: ReceiptData }
  | { readonly kind: 'manifest80'; readonly manifest: ManifestData }
  | { readonly kind: 'slip80'; readonly slip: SlipData };

export type PrinterDriverKind = 'escpos' | 'tspl' | 'os';

export interface PrinterConfig {
  readonly id: string;
  readonly name: string;
  /** 'tcp://host:9100' | 'device:/dev/usb/lp0' | 'serial:/dev/ttyS0' | 'os:<printer name>' */
  readonly uri: string;
  readonly driver: PrinterDriverKind;
  /** 203 (default) or 300. */
  readonly dpi: number;
  /** Printable paper width, e.g. 80 (receipts), 100 or 76 (labels). */
  readonly widthMm: number;
  readonly labelKinds: readonly LabelKind[];
  /** TSPL: gap between labels in mm (default 2). */
  readonly gapMm?: number;
  /** TSPL DENSITY 0–15 (default 8). */
  readonly density?: number;
}

export type PaperState = 'ok' | 'near_end' | 'out' | 'unknown';

export interface PrinterStatus {
  readonly printerId: string;
  readonly reachable: boolean;
  readonly paper: PaperState;
  /** Other faults where the printer reports them (TSPL: head open, jam, ribbon…). */
  readonly faults: readonly PrinterFault[];
  readonly checkedAt: number;
  readonly latencyMs: number;
}

export type PrinterFault =
  'head_open' | 'paper_jam' | 'ribbon_out' | 'paused' | 'cover_open' | 'other_error';

export interface PrintLabelRequest {
  /**
   * Stable ASCII key for "this label", e.g. `waybill:EA123456785CN` or
   * `receipt:A20260101001`. Never personal data (it is logged in the ledger).
   */
  readonly labelKey: string;
  readonly printerId: string;
  readonly label: LabelContent;
}

/**
 * How sure we are the printer got the label:
 * - `acknowledged`: the printer answered a status query sent after the label bytes
 *   on the same connection (TCP is in order, so it received every label byte).
 * - `closed`: the printer closed the connection after reading our end-of-stream,
 *   so its TCP stack read every byte (printers that never answer status queries).
 * - `spooled`: handed to a device file or the OS spooler without error.
 */
export type PrintConfirmation = 'acknowledged' | 'closed' | 'spooled';

export interface PrintReceipt {
  readonly labelKey: string;
  readonly printerId: string;
  readonly entryId: string;
  readonly printedAt: number;
  readonly bytes: number;
  readonly confirmation: PrintConfirmation;
  readonly reprint: boolean;
  /** Paper state reported with the acknowledgement, where the printer reports it. */
  readonly paper: PaperState;
}

export type LedgerEntryKind = 'attempt' | 'print' | 'reprint' | 'void' | 'failed';

/** One line of the append-only print ledger. Holds no personal data. */
export interface LedgerEntry {
  readonly id: string;
  readonly at: number;
  readonly kind: LedgerEntryKind;
  readonly labelKey: string;
  readonly labelKind?: LabelKind;
  readonly printerId?: string;
  /** Required for reprint and void. */
  readonly reason?: string;
  readonly batchId?: string;
  /** For print/reprint/failed: the attempt entry they settle. */
  readonly attemptId?: string;
  readonly confirmation?: PrintConfirmation;
  readonly errorCode?: string;
  /** Set on a print that follows an attempt whose outcome was unknown (may be a duplicate). */
  readonly afterInDoubt?: boolean;
}

export interface PrintBatchItem {
  readonly labelKey: string;
  readonly label: LabelContent;
}

export interface PrintBatchRequest {
  /** Client-chosen (ULID) so a retried start is idempotent. */
  readonly batchId: string;
  readonly printerId: string;
  readonly items: readonly PrintBatchItem[];
}

export type BatchItemState = 'pending' | 'in_doubt' | 'printed' | 'skipped';

export type BatchState = 'running' | 'paused' | 'done';

export interface BatchProgress {
  readonly batchId: string;
  readonly printerId: string;
  readonly state: BatchState;
  readonly total: number;
  readonly printed: number;
  /** Already printed before this batch (ledger), not printed again. */
  readonly skipped: number;
  readonly pending: number;
  /** Sent but not confirmed when the batch stopped; printed again on resume. */
  readonly inDoubt: number;
  readonly items: readonly { readonly labelKey: string; readonly state: BatchItemState }[];
  /** Why the batch paused (e.g. PRINTER_UNREACHABLE); absent when running or done. */
  readonly lastError?: {
    readonly code: string;
    readonly message: string;
    readonly messageEn: string;
  };
  readonly updatedAt: number;
}
