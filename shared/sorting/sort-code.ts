// Sort code (分拣码) of one item: where the sorting frame sends it. An item collected in
// person goes to its police station (one of the province's ~1,400 collection points); a
// mailed item goes by the county division of its destination address (DOMAIN.md "Sorting").
import type { ApplicationDoc } from '../sync/collections.ts';

export type SortKind = 'station' | 'county' | 'unsorted';

export interface SortCode {
  readonly kind: SortKind;
  /** The station code, the 6-digit county code, or '' when the destination is unknown. */
  readonly code: string;
}

/** The fields the sort code is computed from (no personal data); an ApplicationDoc fits. */
export interface SortableApplication {
  readonly delivery: Pick<ApplicationDoc['delivery'], 'method' | 'collectPointCode'>;
  readonly destination?: { readonly divisionCode?: string } | undefined;
  readonly recipient?: { readonly address?: { readonly divisionCode?: string } } | undefined;
}

export const UNSORTED: SortCode = { kind: 'unsorted', code: '' };

const DIVISION = /^(\d{6})(\d{3})?$/;

/** The 6-digit county code of a county or township division code, or null. */
export function countyOf(divisionCode: string | undefined): string | null {
  if (divisionCode === undefined) return null;
  const match = DIVISION.exec(divisionCode.trim());
  return match?.[1] ?? null;
}

export function sortCodeFor(application: SortableApplication): SortCode {
  if (application.delivery.method === 'collect') {
    const station = application.delivery.collectPointCode?.trim();
    return station ? { kind: 'station', code: station } : UNSORTED;
  }
  const county =
    countyOf(application.destination?.divisionCode) ??
    countyOf(application.recipient?.address?.divisionCode);
  return county === null ? UNSORTED : { kind: 'county', code: county };
}
