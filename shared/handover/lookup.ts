// Finding the application behind a scanned code. A keyboard-wedge scanner types whatever
// the barcode holds: a waybill number (CODE128 on the label), an acceptance number (the
// police form), or the receipt QR `WP1:<acceptanceNo>`. Domestic waybill numbers and some
// acceptance numbers are both 13 digits, so the code is classified by looking it up, not by
// its shape.
import type { ApplicationDoc, BatchDoc, WaybillDoc } from '../sync/collections.ts';
import { normalizeIdentifier } from '../validation/index.ts';

/**
 * What handover needs to know about an item (no personal data). An `ApplicationDoc` fits; so
 * does an item of a received batch (`itemsAsApplications`), which is all a mail centre holds
 * of another station's applications.
 */
export interface HandoverApplication {
  readonly id: string;
  readonly acceptanceNo: string;
  readonly waybillNo?: string;
  readonly businessCode?: string;
  readonly status?: string;
  readonly delivery?: Pick<ApplicationDoc['delivery'], 'method' | 'collectPointCode'>;
  readonly destination?: { readonly divisionCode: string; readonly sortCode?: string };
  /** A sort code already worked out (e.g. carried on a received batch item). */
  readonly sortCode?: string;
}

export interface ApplicationsIndex {
  readonly byAcceptanceNo: ReadonlyMap<string, HandoverApplication>;
  readonly byWaybillNo: ReadonlyMap<string, HandoverApplication>;
  /** Waybill numbers that were voided (reprinted under a new number): scanning one is an error. */
  readonly voidedWaybills: ReadonlySet<string>;
}

/** The receipt QR carries `WP1:<acceptanceNo>` (shared/printing receipt layout). */
export const RECEIPT_QR_PREFIX = 'WP1:';

/** Comparison key: full-width → half-width, separators and spaces stripped, upper-case. */
export function codeKey(code: string): string {
  return normalizeIdentifier(code);
}

export function buildApplicationsIndex(
  applications: Iterable<HandoverApplication>,
  waybills: Iterable<Pick<WaybillDoc, 'waybillNo' | 'state' | 'applicationId'>> = [],
): ApplicationsIndex {
  const byAcceptanceNo = new Map<string, HandoverApplication>();
  const byWaybillNo = new Map<string, HandoverApplication>();
  const voidedWaybills = new Set<string>();
  for (const app of applications) {
    byAcceptanceNo.set(codeKey(app.acceptanceNo), app);
    if (app.waybillNo) byWaybillNo.set(codeKey(app.waybillNo), app);
  }
  for (const waybill of waybills) {
    if (waybill.state !== 'voided') continue;
    // A voided label must never travel, even if its application still points at the number.
    const key = codeKey(waybill.waybillNo);
    voidedWaybills.add(key);
    byWaybillNo.delete(key);
  }
  return { byAcceptanceNo, byWaybillNo, voidedWaybills };
}

export type CodeLookup =
  | { readonly kind: 'waybill'; readonly application: HandoverApplication }
  | { readonly kind: 'acceptance'; readonly application: HandoverApplication }
  | { readonly kind: 'voided_waybill'; readonly code: string }
  | { readonly kind: 'ambiguous'; readonly code: string }
  | { readonly kind: 'unknown'; readonly code: string };

export function lookupCode(scannedCode: string, index: ApplicationsIndex): CodeLookup {
  const raw = scannedCode.trim();
  const fromReceipt = raw.toUpperCase().startsWith(RECEIPT_QR_PREFIX);
  const key = codeKey(fromReceipt ? raw.slice(RECEIPT_QR_PREFIX.length) : raw);
  const asAcceptance = index.byAcceptanceNo.get(key);
  if (fromReceipt) {
    return asAcceptance
      ? { kind: 'acceptance', application: asAcceptance }
      : { kind: 'unknown', code: key };
  }
  const asWaybill = index.byWaybillNo.get(key);
  if (asWaybill && asAcceptance && asWaybill.id !== asAcceptance.id) {
    return { kind: 'ambiguous', code: key };
  }
  if (asWaybill) return { kind: 'waybill', application: asWaybill };
  if (asAcceptance) return { kind: 'acceptance', application: asAcceptance };
  if (index.voidedWaybills.has(key)) return { kind: 'voided_waybill', code: key };
  return { kind: 'unknown', code: key };
}

/** Items of batches received here, as look-up entries (for a dispatch at the mail centre). */
export function itemsAsApplications(
  batches: Iterable<Pick<BatchDoc, 'items'>>,
): HandoverApplication[] {
  const out = new Map<string, HandoverApplication>();
  for (const batch of batches) {
    for (const item of batch.items) {
      out.set(item.applicationId, {
        id: item.applicationId,
        acceptanceNo: item.acceptanceNo,
        ...(item.waybillNo ? { waybillNo: item.waybillNo } : {}),
        ...(item.sortCode ? { sortCode: item.sortCode } : {}),
      });
    }
  }
  return [...out.values()];
}
