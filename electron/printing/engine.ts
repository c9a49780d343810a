// Printing one label with the ledger around it:
//   1. render + encode (nothing sent yet; a failure here prints nothing),
//   2. ledger 'attempt' (fsync'd) BEFORE the first byte leaves,
//   3. send and confirm through the link,
//   4. ledger 'print'/'reprint' on confirmation, 'failed' when nothing can
//      have printed; otherwise the attempt stays open = in doubt.
import type { LabelLayout } from '../../shared/printing/layout/elements.ts';
import type { LabelKind, PrintReceipt, PrinterConfig } from '../../shared/printing/types.ts';
import { ok, type Result, type WaypostError } from '../../shared/result.ts';
import type { RasterDriver } from './drivers/index.ts';
import type { PrintLedger } from './ledger/ledger.ts';
import type { PrinterLink } from './link.ts';
import { rasterise } from './raster/render.ts';
import type { FontSet } from './raster/fonts.ts';

export function encodeLabel(
  layout: LabelLayout,
  config: PrinterConfig,
  driver: RasterDriver,
  fonts: FontSet,
): Result<Uint8Array> {
  const bitmap = rasterise(layout, { dpi: config.dpi, fonts });
  if (!bitmap.ok) return bitmap;
  return ok(driver.encode(bitmap.value, layout, config));
}

export interface SendLabelRequest {
  readonly labelKey: string;
  readonly labelKind: LabelKind;
  readonly printerId: string;
  readonly bytes: Uint8Array;
  readonly reprintReason?: string;
  readonly batchId?: string;
  /** An earlier attempt for this label is unsettled: this print may be a duplicate. */
  readonly afterInDoubt?: boolean;
}

export type SendLabelResult =
  | { readonly ok: true; readonly value: PrintReceipt }
  | { readonly ok: false; readonly error: WaypostError; readonly inDoubt: boolean };

export async function sendLabel(
  ledger: PrintLedger,
  link: PrinterLink,
  request: SendLabelRequest,
): Promise<SendLabelResult> {
  const reprint = request.reprintReason !== undefined;
  const common = {
    labelKey: request.labelKey,
    labelKind: request.labelKind,
    printerId: request.printerId,
    ...(request.batchId === undefined ? {} : { batchId: request.batchId }),
    ...(reprint ? { reason: request.reprintReason } : {}),
  };
  const attempt = await ledger.append({ kind: 'attempt', ...common });
  const sent = await link.send(request.bytes);
  if (!sent.ok) {
    if (!sent.inDoubt) {
      await ledger.append({
        kind: 'failed',
        ...common,
        attemptId: attempt.id,
        errorCode: sent.error.code,
      });
    }
    return sent;
  }
  const entry = await ledger.append({
    kind: reprint ? 'reprint' : 'print',
    ...common,
    attemptId: attempt.id,
    confirmation: sent.value.confirmation,
    ...(request.afterInDoubt ? { afterInDoubt: true } : {}),
  });
  return {
    ok: true,
    value: {
      labelKey: request.labelKey,
      printerId: request.printerId,
      entryId: entry.id,
      printedAt: entry.at,
      bytes: request.bytes.length,
      confirmation: sent.value.confirmation,
      reprint,
      paper: sent.value.paper,
    },
  };
}
