// The manifest (交接清单) printed when a batch is sealed: the host's 'manifest80' label.
// Its QR carries `WPB1:<batchNo>`, which the receiving side scans to open the batch.
import type { ManifestData } from '../printing/types.ts';
import type { BatchDoc } from '../sync/collections.ts';
import { BATCH_KINDS } from './kinds.ts';

/** Same prefix as shared/printing's manifest layout (MANIFEST_QR_PREFIX). */
export const MANIFEST_SCAN_PREFIX = 'WPB1:';

export interface ManifestOptions {
  readonly stationName: string;
  /** Receiving station's name; the kind's usual destination when absent. */
  readonly destinationName?: string;
  readonly handedOverBy?: string;
  /** Business name for an application id (e.g. from the catalogue); '文件' when unknown. */
  readonly businessNameOf: (applicationId: string) => string | undefined;
}

export function manifestData(batch: BatchDoc, options: ManifestOptions): ManifestData {
  return {
    batchId: batch.batchNo,
    stationName: options.stationName,
    destination: options.destinationName ?? BATCH_KINDS[batch.kind].toZh,
    createdAt: batch.sealedAt ?? batch.createdAt,
    items: batch.items.map((item) => {
      const sortCode = item.sortCode;
      return {
        // Collected-in-person items have no waybill: the acceptance number identifies them.
        waybillNo: item.waybillNo ?? item.acceptanceNo,
        businessNameZh: options.businessNameOf(item.applicationId) ?? '文件',
        ...(sortCode ? { sortCode } : {}),
      };
    }),
    ...(options.handedOverBy ? { handedOverBy: options.handedOverBy } : {}),
  };
}

/** The batch number from a scanned manifest QR, or null if the code is not a manifest. */
export function parseManifestScan(code: string): string | null {
  const raw = code.trim();
  if (!raw.toUpperCase().startsWith(MANIFEST_SCAN_PREFIX)) return null;
  const batchNo = raw.slice(MANIFEST_SCAN_PREFIX.length).trim().toUpperCase();
  return batchNo === '' ? null : batchNo;
}
