// Batch kinds (交接/总包): the three runs an item travels in after intake (DOMAIN.md
// "Flows seen in the field"). Each kind says what a scan must prove and which status event
// its seal and its receipt record for every item.
import type { StatusEventType } from '../lifecycle/index.ts';
import type { BatchDoc } from '../sync/collections.ts';

export type BatchKind = BatchDoc['kind'];

export interface BatchKindInfo {
  readonly nameZh: string;
  readonly nameEn: string;
  /** Where the run goes, for the manifest and the screen. */
  readonly toZh: string;
  readonly toEn: string;
  /** Usual departure (Beijing time, HH:MM), shown as a hint; null when there is no fixed run. */
  readonly usualDeparture: string | null;
  /**
   * Whether a mailed item must be scanned as a pair — its document (acceptance number) and its
   * waybill — so a document packed with another applicant's waybill is caught (错证).
   */
  readonly pairScan: boolean;
  /** Event recorded for each item when the batch is sealed (handed over). */
  readonly sealEvent: StatusEventType | null;
  /** Event recorded for each item the receiving side confirms. */
  readonly receiveEvent: StatusEventType | null;
}

export const BATCH_KINDS = {
  // Morning: application materials from the outlet to the vehicle administration office. The
  // materials are handed over when the office confirms it has them, not when the van leaves.
  materials_run: {
    nameZh: '材料移交',
    nameEn: 'Materials run',
    toZh: '车管所',
    toEn: 'Vehicle administration office',
    usualDeparture: '09:00',
    pairScan: false,
    sealEvent: null,
    receiveEvent: 'materials_handed_over',
  },
  // 17:00: finished documents to the mail centre. Loading is where each document meets its
  // waybill, so this is where the mismatch check (错证回收) runs.
  finished_run: {
    nameZh: '成品交寄',
    nameEn: 'Finished documents run',
    toZh: '邮件处理中心',
    toEn: 'Mail centre',
    usualDeparture: '17:00',
    pairScan: true,
    sealEvent: 'packed',
    receiveEvent: null,
  },
  // The mail centre's dispatch (总包): packed items leave for delivery; the waybill identifies them.
  dispatch: {
    nameZh: '总包发运',
    nameEn: 'Dispatch',
    toZh: '投递局',
    toEn: 'Delivery office',
    usualDeparture: null,
    pairScan: false,
    sealEvent: 'dispatched',
    receiveEvent: null,
  },
} as const satisfies Record<BatchKind, BatchKindInfo>;

export const BATCH_KIND_LIST = Object.keys(BATCH_KINDS) as BatchKind[];

export function isBatchKind(value: string): value is BatchKind {
  return Object.hasOwn(BATCH_KINDS, value);
}

/** One capital letter per kind, used in batch numbers. */
export const BATCH_KIND_LETTER = {
  materials_run: 'M',
  finished_run: 'F',
  dispatch: 'D',
} as const satisfies Record<BatchKind, string>;
